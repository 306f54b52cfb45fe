// Accessors for generic located element trees (settings, networks, sites, objects).
import type { Located, XNode } from './types.js';

/** The element at a slash-separated path of child names, e.g. `sessionSettings/lockSessionsToDomain`. */
export function at(node: XNode, path: string): XNode | undefined {
  let current: XNode | undefined = node;
  for (const name of path.split('/')) {
    current = current?.children.find((c) => c.name === name);
    if (!current) return undefined;
  }
  return current;
}

export function all(node: XNode, name: string): XNode[] {
  return node.children.filter((c) => c.name === name);
}

/** A text value; an element marked `xsi:nil="true"` counts as unset. */
export function text(node: XNode, path: string): Located<string> | undefined {
  const found = at(node, path);
  if (!found || found.nil) return undefined;
  return { file: found.file, range: found.range, element: found.element, value: found.text };
}

export function bool(node: XNode, path: string): Located<boolean> | undefined {
  const found = text(node, path);
  // An empty element (`<enableX/>`) states nothing; only `true` and `false` are values.
  if (!found || found.value === '') return undefined;
  return { ...found, value: found.value === 'true' };
}

export function texts(node: XNode, name: string): Located<string>[] {
  return all(node, name)
    .filter((c) => !c.nil)
    .map((c) => ({ file: c.file, range: c.range, element: c.element, value: c.text }));
}
