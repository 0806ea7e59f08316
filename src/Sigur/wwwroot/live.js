// Keeps a page's parts up to date while work on the server runs (a duplicate scan), without reloading the page: a
// meta refresh reloads under the reader's feet and moves their focus, an accessibility failure (WCAG 2.2.1, 3.2.5).
// While an element marked data-live="running" is on the page, the page is fetched again every two seconds and each element
// of class live-part is given the fresh one's content, in place (an aria-live container announces the change).
(() => {
    'use strict';
    const interval = 2000;
    const tick = async () => {
        if (!document.querySelector('[data-live="running"]')) return;
        try {
            const response = await fetch(location.pathname + location.search, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
            if (response.ok) {
                const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
                for (const part of document.querySelectorAll('.live-part[id]')) {
                    const next = fresh.getElementById(part.id);
                    if (!next) continue;
                    part.replaceChildren(...Array.from(next.childNodes, n => document.importNode(n, true)));
                    if (next.hasAttribute('data-live')) part.setAttribute('data-live', next.getAttribute('data-live'));
                }
            }
        } catch {
            // The server did not answer this time: ask again at the next tick.
        }
        setTimeout(tick, interval);
    };
    setTimeout(tick, interval);
})();
