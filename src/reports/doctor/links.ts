// The public Salesforce articles and documents the doctor's steps cite as their source.

export const KB_BUTTON = 'Help article 000213565, Unable to see the Manage External Users button: https://help.salesforce.com/s/articleView?id=000213565&type=1';
const KB_STEPS_URL = 'https://help.salesforce.com/s/articleView?id=000387665&type=1';
export const kbSteps = (step: number) => `Help article 000387665, step ${step}: ${KB_STEPS_URL}`;
/** The troubleshooting path the report follows: the manual steps check what the org must hold along it, and the articles number no step for them, so they are cited whole. */
export const KB_PATH = `${KB_BUTTON}; Help article 000387665: ${KB_STEPS_URL}`;
export const KB_DISABLED_USER = 'help article 000220285: https://help.salesforce.com/s/articleView?id=000220285&type=1';
export const KB_LOGIN_AS = 'Help article 000395861: https://help.salesforce.com/s/articleView?id=000395861&type=1';
export const HELP_PARTNER_ACCOUNT = 'Create Partner Accounts: https://help.salesforce.com/s/articleView?id=experience.networks_partner_community_create_account.htm&type=5';
export const HELP_NO_WELCOME = 'Welcome emails and site status: https://help.salesforce.com/s/articleView?id=experience.exp_cloud_administer_no_welcome_email.htm&language=en_US&type=5';
export const HELP_MEMBER_LOGIN = 'How external members log in: https://help.salesforce.com/s/articleView?id=platform.faq_communities_external_member_login_info.htm&language=en_US&type=5';
export const HELP_SELF_REG = 'NetworkSelfRegistration: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_networkselfregistration.htm';
export const HELP_SECURE = 'Secure your Experience Cloud site: https://help.salesforce.com/s/articleView?id=platform.networks_secure_community.htm&type=5';
export const HELP_OWD_EXTERNAL = 'External organization-wide defaults: https://help.salesforce.com/s/articleView?id=platform.security_owd_external_setting.htm&language=en_US&type=5';
