// Browser notifications for Failures & Interventions (Broken and Needs a decision). A module loaded through
// Blazor's JS interop, so the page needs no inline script (CSP). The opt-in is per user and per browser: the
// Notification permission belongs to the browser, the choice to the signed-in user (localStorage key per user).

const key = user => `oc.notifications.${user}`;

function read(user) {
    try {
        return JSON.parse(localStorage.getItem(key(user)) ?? 'null') ?? { on: false, sound: false };
    } catch {
        return { on: false, sound: false };
    }
}

export function state(user) {
    const supported = 'Notification' in window;
    const choice = read(user);
    return { supported, permission: supported ? Notification.permission : 'unsupported', on: choice.on && supported && Notification.permission === 'granted', sound: !!choice.sound };
}

export async function optIn(user, sound) {
    if (!('Notification' in window)) {
        return state(user);
    }
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    localStorage.setItem(key(user), JSON.stringify({ on: permission === 'granted', sound: !!sound }));
    return state(user);
}

export function optOut(user) {
    localStorage.setItem(key(user), JSON.stringify({ on: false, sound: read(user).sound }));
    return state(user);
}

export function setSound(user, sound) {
    const choice = read(user);
    localStorage.setItem(key(user), JSON.stringify({ on: choice.on, sound: !!sound }));
    return state(user);
}

// A short two-tone chime made with Web Audio: no sound file to serve, nothing to cache.
function chime() {
    try {
        const audio = new (window.AudioContext || window.webkitAudioContext)();
        [880, 660].forEach((hz, i) => {
            const osc = audio.createOscillator();
            const gain = audio.createGain();
            osc.frequency.value = hz;
            gain.gain.setValueAtTime(0.15, audio.currentTime + i * 0.18);
            gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.18 + 0.16);
            osc.connect(gain).connect(audio.destination);
            osc.start(audio.currentTime + i * 0.18);
            osc.stop(audio.currentTime + i * 0.18 + 0.17);
        });
    } catch {
        // Autoplay rules may refuse audio before a click: the notification itself still shows.
    }
}

// items: [{ title, body, link, tag }]
export function show(user, items, allowSound) {
    const current = state(user);
    if (!current.on) {
        return 0;
    }
    for (const item of items) {
        const n = new Notification(item.title, { body: item.body, tag: item.tag, requireInteraction: false });
        n.onclick = () => { window.focus(); window.location.href = item.link; n.close(); };
    }
    if (allowSound && current.sound && items.length > 0) {
        chime();
    }
    return items.length;
}
