// Small browser helpers the console calls through JS interop. No framework, no network.
window.oc = {
  getTheme: () => localStorage.getItem("oc-theme"),
  // A list's hidden columns, per user and browser (ColumnChooser): an array of column keys.
  columnsHidden: (list, user) => {
    try { const keys = JSON.parse(localStorage.getItem(`oc-columns:${list}:${user}`) || "[]"); return Array.isArray(keys) ? keys.filter(k => typeof k === "string") : []; } catch { return []; }
  },
  setColumnsHidden: (list, user, keys) => localStorage.setItem(`oc-columns:${list}:${user}`, JSON.stringify(keys)),
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
  // An in-place form (acknowledge, snooze, approve) remembers the control that opened it and gives focus back when it
  // closes (WCAG 2.4.3). The opener may be gone by then (an acknowledged row shows Reopen instead): its row's first
  // control takes focus, so the keyboard stays where the operator was instead of falling back to the top of the page.
  rememberFocus: () => {
    const el = document.activeElement;
    if (!el || el === document.body) { window.oc._opener = null; return; }
    const row = el.closest("[data-key]");
    const key = (r) => r?.getAttribute("data-key") || null;
    // The neighbouring rows, past the open form's own row (which has no key).
    const sibling = (r, step) => { let s = r?.[step]; while (s && !s.hasAttribute("data-key")) { s = s[step]; } return s; };
    window.oc._opener = { el, rows: [key(row), key(sibling(row, "nextElementSibling")), key(sibling(row, "previousElementSibling"))].filter(k => k) };
  },
  restoreFocus: () => {
    const opener = window.oc._opener;
    window.oc._opener = null;
    if (!opener) { return; }
    // The opener, else its row's first control, else a neighbouring row's (an acknowledged row may leave the list).
    const target = () => {
      if (opener.el.isConnected) { return opener.el; }
      for (const k of opener.rows) {
        const next = document.querySelector(`[data-key="${CSS.escape(k)}"]`)?.querySelector("button:not([disabled]), a[href]");
        if (next) { return next; }
      }
      return null;
    };
    // The live report re-renders the row a moment after the decision (Acknowledge becomes Reopen, or the row
    // goes): for a few seconds, if focus has fallen back to the page, put it back; any key or click ends this.
    let tries = 0;
    const stop = () => { clearInterval(timer); document.removeEventListener("keydown", stop, true); document.removeEventListener("mousedown", stop, true); };
    const timer = setInterval(() => {
      if (tries++ === 0 || document.activeElement === document.body || !document.activeElement) { target()?.focus(); }
      if (tries > 40) { stop(); }
    }, 75);
    document.addEventListener("keydown", stop, true);
    document.addEventListener("mousedown", stop, true);
  },
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
  // Recently visited screens and opened items, newest first, per user and per browser (localStorage): the palette
  // lists them before anything is typed. Kept here, not on the server: it is a convenience, not a record.
  recentMax: 8,
  recentList: (user) => {
    try { return JSON.parse(localStorage.getItem("oc-recent:" + user) || "[]"); } catch { return []; }
  },
  recentAdd: (user, item) => {
    if (!item || !item.href || item.href.startsWith("/api/") || item.href.startsWith("/login") || item.href.startsWith("/Account")) { return; }
    const list = window.oc.recentList(user).filter(i => i.href !== item.href);
    list.unshift({ kind: item.kind || "page", title: item.title || item.href, subtitle: item.subtitle || null, href: item.href });
    localStorage.setItem("oc-recent:" + user, JSON.stringify(list.slice(0, window.oc.recentMax)));
  },
  // A visited screen: its title is the document's, once the new page has rendered its <PageTitle>.
  recentVisit: (user) => setTimeout(() => {
    const href = location.pathname + location.search;
    // Opened from the palette a moment ago: keep what it said ("run", "Run #412 · enrich"), just move it up.
    const known = window.oc.recentList(user).find(i => i.href === href);
    const title = (document.title || "").replace(/ · Operator Console$/, "");
    window.oc.recentAdd(user, known || { kind: "visited", title, href });
  }, 400),
};

