// A long run's progress on its page, without reloading it every few seconds: a <progress data-progress="URL"> asks its
// URL for { percent, finished } once a second, and the page is shown anew when the run has finished.
(function () {
    const bar = document.querySelector('progress[data-progress]');
    if (!bar) return;
    async function poll() {
        try {
            const response = await fetch(bar.dataset.progress, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const p = await response.json();
                bar.value = p.percent;
                bar.textContent = p.percent + ' %';
                if (p.finished) { window.location.reload(); return; }
            }
        } catch (e) {
            // The network or the server hiccuped: the next poll tries again.
        }
        window.setTimeout(poll, 1000);
    }
    window.setTimeout(poll, 300);
})();
