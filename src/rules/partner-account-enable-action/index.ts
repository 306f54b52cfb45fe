// Rule: with partner licenses in the project, some Account layout offers Enable As Partner (Lightning and Classic).
import { defineRule, related } from '../../engine/index.js';
import { external, type LayoutView, type ProjectModel } from '../../model/index.js';

const { dynamicActionListed, ENABLE_AS_PARTNER, excludedButton, listedAction } = external;
const LIGHTNING = 'Lightning Experience';
const CLASSIC = 'Salesforce Classic';

/** Where a layout hides the action in Lightning: its action list when it lacks the action, or (no list) the Classic exclusion Lightning follows. */
function hiddenInLightning(layout: LayoutView) {
  if (layout.platformActionList) return listedAction(layout, ENABLE_AS_PARTNER) ? undefined : layout.platformActionList;
  return excludedButton(layout, ENABLE_AS_PARTNER);
}

/** Whether an Account Lightning page's Dynamic Actions list Enable As Partner. */
function dynamicActionOffers(model: ProjectModel): boolean {
  return model.flexiPages.all.some(
    (page) =>
      page.sobjectType?.value === 'Account' &&
      page.dynamicActions.some((panel) => dynamicActionListed(panel, 'Account', ENABLE_AS_PARTNER)),
  );
}

export default defineRule({
  meta: {
    id: 'partner-account-enable-action',
    description: 'When the project has partner licenses, an Account layout offers Enable As Partner',
    category: 'external-users',
    defaultSeverity: 'warning',
    tags: ['external-users', 'partner', 'layout', 'lightning', 'classic'],
    messages: {
      missingLightning:
        'Account layout {{layout}} has a Lightning action list without EnableAsPartner; no Account layout offers it in {{views}}.',
      excluded: 'Account layout {{layout}} excludes the EnableAsPartner button; no Account layout offers it in {{views}}.',
      notVerified: 'Profile {{profile}} has the partner license {{license}}, but the project has no Account layout.',
    },
    needs: [...external.USED_PROFILE_NEEDS, 'Layout', 'FlexiPage'],
  },
  check({ model, report }) {
    const partnerProfile = external.externalLicenses(model).partner.find((p) => p.license);
    if (!partnerProfile?.license) return;
    const license = partnerProfile.license;
    const layouts = model.layoutsOf('Account');
    if (layouts.length === 0) {
      report({ messageId: 'notVerified', data: { profile: partnerProfile.name, license: license.value }, location: license, cap: 'note' });
      return;
    }
    const lightningOffered = dynamicActionOffers(model) || layouts.some((l) => !hiddenInLightning(l));
    const classicOffered = layouts.some((l) => !excludedButton(l, ENABLE_AS_PARTNER));
    if (lightningOffered && classicOffered) return;
    const why = related(license, `${partnerProfile.name} has the partner license ${license.value}`);
    for (const layout of layouts) {
      const lightning = lightningOffered ? undefined : hiddenInLightning(layout);
      const excluded = excludedButton(layout, ENABLE_AS_PARTNER);
      const classic = classicOffered ? undefined : excluded;
      if (!lightning && !classic) continue;
      const views = [...(lightning ? [LIGHTNING] : []), ...(classic ? [CLASSIC] : [])].join(' or ');
      // One finding per layout: at the action list when that is what hides it, else at the excluded button.
      const atList = lightning !== undefined && lightning === layout.platformActionList;
      report({
        messageId: atList ? 'missingLightning' : 'excluded',
        data: { layout: layout.name, views },
        location: atList ? layout.platformActionList! : excluded!,
        related: [
          why,
          ...(atList && classic ? [related(classic, `${layout.name} also excludes the EnableAsPartner button in Salesforce Classic`)] : []),
        ],
      });
    }
  },
});
