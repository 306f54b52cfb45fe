// Rule: an object's default external access (externalSharingModel) is Private or controlled by its parent, never public.
import { defineRule } from '../../engine/index.js';
import { xnode } from '../../model/index.js';

/** Public external defaults (SharingModel values), with their Setup labels. */
const PUBLIC_MODELS: ReadonlyMap<string, string> = new Map([
  ['Read', 'Public Read Only'],
  ['ReadSelect', 'a public read level'],
  ['ReadWrite', 'Public Read/Write'],
  ['ReadWriteTransfer', 'Public Read/Write/Transfer'],
  ['FullAccess', 'Public Full Access'],
]);

export default defineRule({
  meta: {
    id: 'external-sharing-default-public',
    description: 'Objects keep their default external access Private or controlled by the parent',
    category: 'security',
    defaultSeverity: 'warning',
    tags: ['security', 'sharing', 'external-users', 'health-check'],
    messages: {
      publicDefault: 'Object {{object}} has a public default external access (externalSharingModel {{value}}, {{label}}).',
    },
    needs: ['CustomObject'],
    securitySeverity: 6.5,
  },
  check({ model, report }) {
    for (const object of model.objects.all) {
      const setting = xnode.text(object.tree, 'externalSharingModel');
      const value = setting?.value.trim();
      const label = value === undefined ? undefined : PUBLIC_MODELS.get(value);
      if (setting && label) report({ messageId: 'publicDefault', data: { object: object.name, value: value!, label }, location: setting });
    }
  },
});
