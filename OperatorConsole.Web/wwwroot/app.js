// Small browser helpers the console calls through JS interop. No framework, no network.
window.oc = {
  getTheme: () => localStorage.getItem("oc-theme"),
  setTheme: (value) => localStorage.setItem("oc-theme", value),
  prefersDark: () => window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches,
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
  downloadText: (fileName, text, mime) => {
    const blob = new Blob([text], { type: mime || "text/plain" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    a.click();
    URL.revokeObjectURL(a.href);
  },
};
