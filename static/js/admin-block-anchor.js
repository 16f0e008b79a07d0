// A link to one StreamField block (`#block-<id>-section`, as the question report gives for a flagged question) opens
// the page editor at that block. Wagtail draws blocks with script after the page loads, too late for the browser's
// own jump to the anchor, and rich text fields above the block keep growing for a moment after: so the editor keeps
// the block in view while the form settles, until the person scrolls, clicks or types. Jumps are instant: the
// admin scrolls smoothly, and each new jump would cut the last one short.
(() => {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!/^block-[\w-]+-section$/.test(id)) return;
  const follow = (block) => {
    const toggle = block.querySelector(`[data-panel-toggle][aria-controls="${id.replace(/-section$/, "-content")}"]`);
    if (toggle && toggle.getAttribute("aria-expanded") === "false") toggle.click();
    const keep = () => block.scrollIntoView({ block: "start", behavior: "instant" });
    const observer = new ResizeObserver(keep);
    observer.observe(block.closest("form") || document.body);
    const stop = () => observer.disconnect();
    for (const event of ["wheel", "keydown", "pointerdown", "touchstart"]) {
      window.addEventListener(event, stop, { once: true, capture: true });
    }
    window.setTimeout(stop, 5000);
    keep();
  };
  let tries = 0;
  const find = () => {
    const block = document.getElementById(id);
    if (block) follow(block);
    else if ((tries += 1) < 100) window.setTimeout(find, 50);
  };
  window.addEventListener("load", find);
})();
