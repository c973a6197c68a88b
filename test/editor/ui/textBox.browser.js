// Runs in the workbench page, not in node: editor.test.ts reads this file as text and evaluates it there (so no
// module syntax, no imports). Returns the screen box of `needle` in the editor's rendered lines, or null.
// Monaco splits a line into one span per token, so search each whole line and map the match back to text nodes.
/* global document, NodeFilter */
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- the page evaluates this expression
(needle) => {
  for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
    const nodes = [];
    let text = '';
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node, start: text.length });
      // Monaco draws spaces as non-breaking spaces
      text += (node.textContent || '').replace(/\u00a0/g, ' ');
    }
    const index = text.indexOf(needle);
    if (index < 0) continue;
    const [start, end] = [index, index + needle.length].map((offset) => {
      const hit = [...nodes].reverse().find((n) => n.start <= offset) || nodes[0];
      return { node: hit.node, offset: Math.min(offset - hit.start, hit.node.length) };
    });
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    const box = range.getBoundingClientRect();
    return { left: box.left, top: box.top, width: box.width, height: box.height };
  }
  return null;
}
