// Fixes whose new text the rule already computed (a tag, a repository, a port): one action per
// replacement in `Diagnostic.data.replacements`, best first, the first one preferred.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../document/model';
import { dataOf, QUICK_FIX, type Fix } from './actionKit';

export function replacementFixes(model: DockerfileModel, diagnostic: Diagnostic): Fix[] {
  const replacements = dataOf(diagnostic)?.replacements ?? [];
  const length = model.syntax.text.length;
  const fixes: Fix[] = [];
  replacements.forEach((replacement, index) => {
    const { start, end, newText, title } = replacement;
    // Data travels through the client and back: trust only what still fits the document.
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) return;
    if (typeof newText !== 'string' || typeof title !== 'string') return;
    // Already applied (the client sent a diagnostic of an older version): offering it again would be noise.
    if (model.syntax.text.slice(start, end) === newText) return;
    fixes.push({
      title,
      kind: QUICK_FIX,
      edits: [{ start, end, newText }],
      preferred: replacement.preferred ?? index === 0,
      safe: replacement.safe === true,
    });
  });
  return fixes;
}
