// The workspace's only script: keyboard navigation and live refresh of the queue, and charts.
// Every action is a plain form, so the pages work without it.
(() => {
  const queue = document.querySelector('[data-queue]');
  if (queue) {
    let selected = null;
    const rows = () => Array.from(queue.querySelectorAll('tr[data-row]'));
    const keyOf = (row) => row?.dataset.referral ?? row?.dataset.task ?? null;
    const select = (row) => {
      for (const r of rows()) r.removeAttribute('aria-selected');
      if (!row) return;
      row.setAttribute('aria-selected', 'true');
      row.scrollIntoView({ block: 'nearest' });
      selected = keyOf(row);
    };
    const current = () => rows().find((r) => keyOf(r) === selected) ?? null;
    document.addEventListener('keydown', (event) => {
      const target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target instanceof HTMLElement && target.closest('input, select, textarea, button'))
        return;
      const all = rows();
      if (all.length === 0) return;
      const at = all.indexOf(current());
      if (event.key === 'j') select(all[Math.min(at + 1, all.length - 1)]);
      else if (event.key === 'k') select(all[Math.max(at - 1, 0)]);
      else if (event.key === 'Enter' && current()?.dataset.href)
        window.location.assign(current().dataset.href);
      else if (event.key === 'a') current()?.querySelector('form[data-approve]')?.requestSubmit();
      else return;
      event.preventDefault();
    });

    const live = document.getElementById('queue-live');
    const refreshMs = Number(queue.dataset.refreshMs) || 5000;
    const refresh = async () => {
      try {
        const response = await fetch(window.location.href, { credentials: 'same-origin' });
        if (response.redirected || response.status === 401) return window.location.reload();
        if (!response.ok) return;
        const next = new DOMParser().parseFromString(await response.text(), 'text/html');
        const before = new Set(rows().map(keyOf));
        for (const id of ['queue-counts', 'queue-body']) {
          const mine = document.getElementById(id);
          const theirs = next.getElementById(id);
          if (mine && theirs && mine.innerHTML !== theirs.innerHTML)
            mine.innerHTML = theirs.innerHTML;
        }
        const added = rows().filter((r) => !before.has(keyOf(r))).length;
        if (added > 0 && live) live.textContent = `${added} new in the queue`;
        const again = current();
        if (again) again.setAttribute('aria-selected', 'true');
      } finally {
        setTimeout(refresh, refreshMs);
      }
    };
    setTimeout(refresh, refreshMs);
  }

  // Charts: each canvas carries its Chart.js configuration as JSON (never inline script).
  if (window.Chart) {
    for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
      const config = JSON.parse(canvas.dataset.chart);
      new window.Chart(canvas, {
        ...config,
        options: {
          ...config.options,
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
        },
      });
    }
  }
})();
