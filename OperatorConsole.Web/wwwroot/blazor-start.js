// Starts Blazor from a file rather than an inline <script>, so the Content-Security-Policy needs no
// 'unsafe-inline' (or a nonce) for scripts.
// A wall screen must come back on its own: keep retrying (at most every 5 s) while the server is away.
// When the server restarted, the old circuit is gone; Blazor then reloads the page, which starts a new one.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 100000,
            retryIntervalMilliseconds: (previousAttempts) => Math.min(5000, 250 + previousAttempts * 500),
        },
    },
});
