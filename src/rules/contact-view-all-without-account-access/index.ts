// Rule: a manager of external users who reaches Contacts through View All / Modify All Records can also read Accounts.
import { defineRule, fixes, related } from '../../engine/index.js';
import { external, permissions, type ObjectPermission } from '../../model/index.js';

const VIEW_ALL_DATA = 'ViewAllData';
const MODIFY_ALL_DATA = 'ModifyAllData';

/** Any object-level access to read Accounts: Read, or View All / Modify All (which imply it). */
function readsAccounts(account: ObjectPermission | undefined): boolean {
  const flags = account?.flags;
  return Boolean(flags?.allowRead?.value || flags?.viewAllRecords?.value || flags?.modifyAllRecords?.value);
}

export default defineRule({
  meta: {
    id: 'contact-view-all-without-account-access',
    description: 'Managers of external users who reach Contacts through View All or Modify All Records can also read Accounts',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'permissions', 'sharing'],
    messages: {
      accountNotReadable: '{{kind}} {{container}} manages external users ({{grant}}) and has {{flag}} on Contact, but no Read on Account.',
      accountNotListed:
        '{{kind}} {{container}} manages external users ({{grant}}) and has {{flag}} on Contact, but no Account permissions.',
    },
    needs: ['Profile', 'PermissionSet'],
    // Read on Account widens access: a person decides (or relies on sharing instead).
    fixable: 'suggestion',
    fixMessages: { grantAccountRead: 'Give {{container}} Read on Account.' },
  },
  check({ model, report }) {
    for (const { container, grant } of external.managers(model)) {
      if (external.grant(container, VIEW_ALL_DATA) || external.grant(container, MODIFY_ALL_DATA)) continue;
      const contact = external.objectPermission(container, 'Contact');
      const flag = [contact?.flags.viewAllRecords, contact?.flags.modifyAllRecords].find((f) => f?.value === true);
      if (!contact || !flag) continue;
      const account = external.objectPermission(container, 'Account');
      if (readsAccounts(account)) continue;
      const data = {
        kind: permissions.kindLabel(container),
        container: container.name,
        grant: grant.name,
        flag: flag === contact.flags.viewAllRecords ? 'View All Records (viewAllRecords)' : 'Modify All Records (modifyAllRecords)',
      };
      const grantRead = fixes.grantObjectFlags(container, 'Account', account, ['allowRead']);
      report({
        messageId: account ? 'accountNotReadable' : 'accountNotListed',
        data,
        ...(grantRead?.length ? { suggestions: [{ messageId: 'grantAccountRead', data, changes: grantRead }] } : {}),
        location: flag,
        related: [
          account
            ? related(account, `${container.name}: Account object permissions without Read`)
            : related(container.root, `${container.name} lists no Account object permissions`),
        ],
      });
    }
  },
});
