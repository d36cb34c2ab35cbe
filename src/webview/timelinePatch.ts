// Parts the extension rendered (header, notice, summary) are patched into the page, not replaced:
// a live update changes a count or a "so far" duration, and the element the user is in (a focused
// failure group, a selected error message, a group they opened) must stay where it is.

const KEY = 'data-code';

/** Element nodes are the same part when tag and key agree; text and comments when their kind does. */
function samePart(have: Node, want: Node): boolean {
  if (have.nodeType !== want.nodeType || have.nodeName !== want.nodeName) return false;
  return !(have instanceof Element && want instanceof Element) || have.getAttribute(KEY) === want.getAttribute(KEY);
}

function patchAttributes(have: Element, want: Element): void {
  // Whether a failure group is open is the user's choice, not the extension's.
  const kept = have.tagName === 'DETAILS' ? 'open' : undefined;
  for (const { name } of [...have.attributes])
    if (name !== kept && !want.hasAttribute(name)) have.removeAttribute(name);
  for (const { name, value } of [...want.attributes])
    if (have.getAttribute(name) !== value) have.setAttribute(name, value);
}

function patchChildren(into: Node, from: Node): void {
  const wanted = [...from.childNodes];
  wanted.forEach((want, i) => {
    let have: ChildNode | null = into.childNodes[i] ?? null;
    if (have && !samePart(have, want) && want instanceof Element && want.hasAttribute(KEY)) {
      // A failure group moved (another grew past it): moved, not rebuilt.
      const code = want.getAttribute(KEY);
      const moved = [...into.childNodes].find((n) => n instanceof Element && n.getAttribute(KEY) === code);
      if (moved && moved.nodeName === want.nodeName) have = into.insertBefore(moved, have);
    }
    if (!have) return void into.appendChild(want.cloneNode(true));
    if (!samePart(have, want)) return void into.replaceChild(want.cloneNode(true), have);
    if (have instanceof Element && want instanceof Element) {
      patchAttributes(have, want);
      patchChildren(have, want);
    } else if (have.nodeValue !== want.nodeValue) have.nodeValue = want.nodeValue;
  });
  while (into.childNodes.length > wanted.length) into.lastChild?.remove();
}

const lastMarkup = new Map<HTMLElement, string>();

/** Makes `part` show `html`, touching only what differs. */
export function patchPart(part: HTMLElement, html: string): void {
  if (lastMarkup.get(part) === html) return;
  lastMarkup.set(part, html);
  const template = document.createElement('template');
  template.innerHTML = html;
  patchChildren(part, template.content);
}
