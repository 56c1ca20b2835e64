// Small browser helpers the console calls through JS interop. No framework, no network.
window.oc = {
  getTheme: () => localStorage.getItem("oc-theme"),
  setTheme: (value) => localStorage.setItem("oc-theme", value),
  // Marks which palette is painted (tests and the stand-up wait for it; CSS may use it).
  markTheme: (dark) => document.documentElement.setAttribute("data-oc-theme", dark ? "dark" : "light"),
  prefersDark: () => window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches,
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
  // The chat shows its newest answer: scroll it into view (block "end" keeps the pinned input visible below it).
  // "start": an answer taller than the window still shows its first lines (the figure); scroll-margin in app.css keeps it clear of the app bar.
  scrollToId: (id) => { const el = document.getElementById(id); if (el) { el.scrollIntoView({ block: "start", behavior: "smooth" }); } return !!el; },
  downloadText: (fileName, text, mime) => {
    const blob = new Blob([text], { type: mime || "text/plain" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    a.click();
    URL.revokeObjectURL(a.href);
  },
  focusById: (id) => { const el = document.getElementById(id); if (el) { el.focus(); } },
  // Command palette: Ctrl+K / Cmd+K from anywhere opens it (the component registers itself once per circuit).
  registerPalette: (dotnet) => {
    window.oc._palette = dotnet;
    // Marks the page as interactive for the palette (the prerendered page looks the same but does not listen yet).
    document.documentElement.setAttribute("data-oc-palette", "ready");
    if (window.oc._paletteListener) { return; }
    window.oc._paletteListener = (e) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "k" || e.key === "K")) {
        e.preventDefault();
        if (window.oc._palette) { window.oc._palette.invokeMethodAsync("OpenFromKeyboard"); }
      }
    };
    document.addEventListener("keydown", window.oc._paletteListener);
  },
  unregisterPalette: () => { window.oc._palette = null; },
};

