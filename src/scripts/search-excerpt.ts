/**
 * A Pagefind excerpt ("text with <mark>matches</mark>") as DOM nodes: only
 * text and <mark> survive, so nothing in an indexed page can inject markup.
 */
export function excerptNodes(excerpt: string, doc: Document): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, 'text/html');
  const nodes: Node[] = [];
  const walk = (parent: Node, marked: boolean) => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === 3) {
        const text = doc.createTextNode(child.textContent ?? '');
        if (marked) {
          const mark = doc.createElement('mark');
          mark.append(text);
          nodes.push(mark);
        } else nodes.push(text);
      } else if (child.nodeType === 1) {
        walk(child, marked || (child as Element).tagName === 'MARK');
      }
    }
  };
  walk(parsed.body, false);
  return nodes;
}
