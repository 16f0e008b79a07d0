// The résumé preview shows the whole width of the paper: in a frame narrower than the page (a phone), the document
// is zoomed out to fit instead of being cut off at the frame's edge. It still scrolls down. Without JavaScript the
// frame scrolls sideways as well.
document.querySelectorAll("iframe.resume-preview").forEach((frame) => {
  const fit = () => {
    const root = frame.contentDocument && frame.contentDocument.documentElement;
    if (!root) return;
    root.style.zoom = "";
    const scale = root.clientWidth / root.scrollWidth;
    if (scale < 1) root.style.zoom = String(scale);
  };
  frame.addEventListener("load", fit);
  window.addEventListener("resize", fit);
  fit();
});
