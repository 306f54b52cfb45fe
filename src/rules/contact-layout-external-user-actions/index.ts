// Rule: the Contact layouts that external-user managers see offer Enable Customer/Partner User (Lightning, Classic, Dynamic Actions).
import { defineRule, fixes, related, type ReportFix } from '../../engine/index.js';
import { decodeName, external, nameKey, type LayoutView, type ProjectModel } from '../../model/index.js';

const { dynamicActionListed, ENABLE_CUSTOMER_USER, ENABLE_PARTNER_USER, excludedButton, listedAction } = external;

/** The labels admins see for the enable actions, and whom each one enables. */
const ACTIONS: Record<string, { label: string; enables: string }> = {
  [ENABLE_CUSTOMER_USER]: { label: 'Enable Customer User', enables: 'customer' },
  [ENABLE_PARTNER_USER]: { label: 'Enable Partner User', enables: 'partner' },
};

function requiredActions(model: ProjectModel): string[] {
  const { customer, partner } = external.externalLicenses(model);
  const required: string[] = [];
  if (customer.length > 0 || partner.length === 0) required.push(ENABLE_CUSTOMER_USER);
  if (partner.length > 0) required.push(ENABLE_PARTNER_USER);
  return required;
}

/** How a message names some enable actions and the users they enable: `Enable Customer User (EnableCustomerPortal)`, `customer users`. */
function describe(actions: readonly string[]): { actions: string; users: string } {
  return {
    actions: actions.map((a) => `${ACTIONS[a]!.label} (${a})`).join(' and '),
    users: `${actions.map((a) => ACTIONS[a]!.enables).join(' and ')} users`,
  };
}

/**
 * The missing actions as `<platformActionListItems>`, after the last one, numbered on from the highest `sortOrder`: the
 * order the Metadata API writes them in, and no other item is renumbered. Children in the order a retrieve writes them.
 */
function addActions(list: NonNullable<LayoutView['platformActionList']>, actions: readonly string[]): ReportFix {
  const next = list.items.reduce((max, item) => Math.max(max, item.sortOrder ?? -1), list.items.length - 1) + 1;
  return {
    messageId: 'addActions',
    data: describe(actions),
    changes: actions.map((action, i) =>
      fixes.insert(
        list,
        fixes.element('platformActionListItems', [
          fixes.leaf('actionName', action),
          fixes.leaf('actionType', 'StandardButton'),
          fixes.leaf('sortOrder', String(next + i)),
        ]),
        { kind: 'sorted', key: 'sortOrder' },
      ),
    ),
  };
}

export default defineRule({
  meta: {
    id: 'contact-layout-external-user-actions',
    description: 'Contact layouts used by external-user managers offer the Enable Customer User / Enable Partner User actions',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'layout', 'lightning', 'classic'],
    messages: {
      missingLightning: 'Layout {{layout}} has a Lightning action list without {{actions}}, so it cannot enable {{users}} there.',
      excludedClassic: 'Layout {{layout}} excludes {{actions}} in Salesforce Classic, so it cannot enable {{users}} there.',
      excludedBoth: 'Layout {{layout}} excludes {{actions}}; with no Lightning action list, no view of it can enable {{users}}.',
      missingDynamic: 'Lightning page {{page}} uses Dynamic Actions without {{actions}}, so it cannot enable {{users}}.',
      layoutNotInProject: 'Layout {{layout}} is assigned to {{profile}}, a profile that manages external users, but is not in the project.',
    },
    needs: [...external.EVIDENCE_NEEDS, 'FlexiPage'],
    fixable: 'fix',
    fixMessages: {
      addActions: 'Add {{actions}} to the Lightning action list.',
      includeButton: 'Stop excluding {{actions}} from the layout.',
    },
  },
  check({ model, report }) {
    if (!external.externalUseEvidence(model)) return;
    const required = requiredActions(model);
    const { customer, partner } = external.externalLicenses(model);
    // Without customer or partner profiles the project only suggests external users (a site, a setting): say so as a note.
    const cap = customer.length + partner.length === 0 ? { cap: 'note' as const } : {};
    const managerProfiles = external.managers(model).filter((m) => m.container.kind === 'Profile');
    const layoutsToCheck = new Map<LayoutView, { profile: string; grant: (typeof managerProfiles)[number]['grant'] } | undefined>();
    const assigned = managerProfiles.map((m) => ({ ...m, ...external.assignedContactLayouts(model, m.container) }));
    // No manager profile, or none that lists a Contact layout assignment (a partial retrieval): the managers' layouts are unknown, so check them all.
    if (!assigned.some((a) => a.found.length + a.missing.length > 0)) {
      for (const layout of model.layoutsOf('Contact')) layoutsToCheck.set(layout, undefined);
    } else {
      const missingReported = new Set<string>();
      for (const { container, grant, found, missing } of assigned) {
        for (const { layout } of found) if (!layoutsToCheck.has(layout)) layoutsToCheck.set(layout, { profile: container.name, grant });
        for (const assignment of missing) {
          const key = nameKey(assignment.layout);
          if (missingReported.has(key)) continue;
          missingReported.add(key);
          report({
            messageId: 'layoutNotInProject',
            data: { layout: decodeName(assignment.layout), profile: container.name },
            location: assignment,
            cap: 'note',
          });
        }
      }
    }
    for (const [layout, manager] of layoutsToCheck) {
      const why = manager ? [related(manager.grant, `${manager.profile} manages external users and is assigned this layout`)] : [];
      const list = layout.platformActionList;
      // One finding per element: the action list names every action it lacks.
      const unlisted = list ? required.filter((a) => !listedAction(layout, a)) : [];
      if (list && unlisted.length > 0) {
        report({
          messageId: 'missingLightning',
          data: { layout: layout.name, ...describe(unlisted) },
          location: list,
          related: why,
          fix: addActions(list, unlisted),
          ...cap,
        });
      }
      for (const action of required) {
        const excluded = excludedButton(layout, action);
        // Without an action list, Lightning shows the Classic buttons: an excluded button is gone from both.
        if (excluded) {
          report({
            messageId: list ? 'excludedClassic' : 'excludedBoth',
            data: { layout: layout.name, ...describe([action]) },
            location: excluded,
            related: why,
            fix: { messageId: 'includeButton', data: describe([action]), changes: [fixes.remove(excluded)] },
            ...cap,
          });
        }
      }
    }
    for (const page of model.flexiPages.all) {
      if (page.sobjectType?.value !== 'Contact') continue;
      for (const panel of page.dynamicActions) {
        const missing = required.filter((a) => !dynamicActionListed(panel, 'Contact', a));
        if (missing.length > 0)
          report({ messageId: 'missingDynamic', data: { page: page.name, ...describe(missing) }, location: panel, ...cap });
      }
    }
  },
});
