#!/usr/bin/env node
// Deterministic generator of realistic Salesforce projects for the benchmark (issue 6).
//
//   node bench/generate.mjs --size small|medium|large --format source|metadata --out DIR [--seed N] [--scale N]
//
// The same size, format, seed and scale always give byte-identical files. `--scale N` (default 1)
// writes every component N times: copy 1 is exactly the scale-1 project, copy k (k >= 2) repeats it with
// every top-level component name tagged `_Copyk` (before `__c` for custom objects), so the project has
// N times the component files and about N times the bytes (the project files sfdx-project.json,
// .forceignore and package.xml are written once). The copies' contents are the same text, so their
// references resolve to the copy-1 components, as in the scale-1 project: the mix does not change. The shapes and element names are
// those of real retrieves (see sample-project/ and ../shared/corpus): profiles and permission sets with
// fieldPermissions / objectPermissions / userPermissions in Salesforce's alphabetical order, layouts
// with platformActionList and excludeButtons, objects with their fields as separate files (source
// format) or inline (metadata format), settings, Experience Cloud networks, sites and guest profiles.
// A realistic sprinkling of misconfigurations is planted so that the rules fire (see PLANTED below).
// It never writes into the repository.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump when the output changes: run.mjs regenerates projects whose marker has another version. */
export const GENERATOR_VERSION = 4;
export const MARKER = '.sfmeta-lint-bench.json';
export const DEFAULT_SEED = 20240601;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NS = 'http://soap.sforce.com/2006/04/metadata';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const API_VERSION = '62.0';

// ---------------------------------------------------------------------------------------------
// Sizes. Counts are per project; byte sizes follow from them (see bench/README.md for the totals).
// ---------------------------------------------------------------------------------------------
export const SIZES = {
  small: {
    customObjects: 3,
    standardObjects: 3,
    fieldsPerObject: [1, 3],
    extraLayouts: 0,
    profiles: 8,
    permissionSets: 5,
    permissionSetGroups: 1,
    classes: 2,
    pages: 1,
    flexipages: 1,
    networks: 1,
    managedFields: 0,
    managedObjects: 0,
    listViews: [0, 0],
    validationRules: [0, 0],
    recordTypeShare: 0.25,
    profileFieldShare: [1, 1],
    externalObjectShare: 0.6,
    remoteSites: 2,
    classShare: [0.5, 1],
    permissionSetKinds: [1, 1],
    moduleObjects: [1, 3],
    layoutSections: 2,
  },
  medium: {
    customObjects: 285,
    standardObjects: 15,
    fieldsPerObject: [30, 60],
    extraLayouts: 880,
    profiles: 32,
    permissionSets: 260,
    permissionSetGroups: 12,
    classes: 1400,
    pages: 40,
    flexipages: 150,
    networks: 2,
    managedFields: 0,
    managedObjects: 0,
    listViews: [1, 4],
    validationRules: [0, 3],
    recordTypeShare: 0.1,
    profileFieldShare: [0.01, 0.03],
    externalObjectShare: 0.1,
    remoteSites: 12,
    classShare: [0.02, 0.1],
    permissionSetKinds: [0.8, 0.995],
    moduleObjects: [2, 8],
    layoutSections: 2,
  },
  large: {
    customObjects: 480,
    standardObjects: 20,
    fieldsPerObject: [20, 20],
    extraLayouts: 500,
    profiles: 150,
    permissionSets: 400,
    permissionSetGroups: 30,
    classes: 2000,
    pages: 120,
    flexipages: 200,
    networks: 4,
    managedFields: 7800,
    managedObjects: 60,
    listViews: [1, 2],
    validationRules: [0, 2],
    recordTypeShare: 0.12,
    profileFieldShare: [0.5, 0.8],
    externalObjectShare: 0.06,
    remoteSites: 25,
    classShare: [0.2, 0.9],
    permissionSetKinds: [0.6, 0.9],
    moduleObjects: [5, 40],
    layoutSections: 6,
  },
  // The shape of the public org backup issue 15 cites ("IATA-size": about 9,000 files and 500 MB): fewer files than
  // large, most of the bytes in 165 profiles of about 3 MB.
  iata: {
    customObjects: 380,
    standardObjects: 20,
    fieldsPerObject: [8, 12],
    extraLayouts: 100,
    profiles: 165,
    permissionSets: 150,
    permissionSetGroups: 10,
    classes: 1000,
    pages: 60,
    flexipages: 100,
    networks: 4,
    managedFields: 11000,
    managedObjects: 60,
    listViews: [1, 1],
    validationRules: [0, 1],
    recordTypeShare: 0.12,
    profileFieldShare: [0.9, 1],
    externalObjectShare: 0.06,
    remoteSites: 25,
    classShare: [0.2, 0.9],
    permissionSetKinds: [0.8, 0.95],
    moduleObjects: [5, 40],
    layoutSections: 6,
  },
};

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32, seeded by a string hash): every component gets its own stream, so the content
// of one file does not depend on how many random numbers other files drew.
// ---------------------------------------------------------------------------------------------
function hashSeed(text) {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

class Rng {
  constructor(seed, label) {
    [this.a, this.b, this.c, this.d] = hashSeed(`${seed}:${label}`);
    for (let i = 0; i < 12; i++) this.next();
  }
  next() {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  chance(p) {
    return this.next() < p;
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  range([lo, hi]) {
    return this.int(lo, hi);
  }
  real(lo, hi) {
    return lo + this.next() * (hi - lo);
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  shuffle(list) {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  sample(list, n) {
    return this.shuffle(list).slice(0, Math.min(n, list.length));
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (real API names where they exist).
// ---------------------------------------------------------------------------------------------
const OBJECT_WORDS_A = [
  'Customer',
  'Partner',
  'Service',
  'Billing',
  'Invoice',
  'Shipment',
  'Warranty',
  'Product',
  'Contract',
  'Project',
  'Asset',
  'Campaign',
  'Loyalty',
  'Claim',
  'Policy',
  'Vendor',
  'Supplier',
  'Order',
  'Payment',
  'Subscription',
  'Territory',
  'Region',
  'Quote',
  'Inspection',
  'Maintenance',
  'Training',
  'Compliance',
  'Risk',
  'Audit',
  'Field',
  'Market',
  'Event',
  'Survey',
  'Donation',
  'Grant',
  'Program',
  'Member',
  'Student',
  'Course',
  'Vehicle',
  'Property',
  'Lease',
  'Device',
  'Support',
  'Release',
  'Feature',
  'Incident',
  'Change',
  'Knowledge',
  'Deal',
];
const OBJECT_WORDS_B = [
  'Request',
  'Line',
  'Item',
  'Record',
  'Detail',
  'Plan',
  'Schedule',
  'Assignment',
  'Review',
  'Approval',
  'Log',
  'Entry',
  'Summary',
  'Agreement',
  'Allocation',
  'Forecast',
  'Target',
  'Score',
  'Visit',
  'Note',
  'Milestone',
  'Batch',
  'Snapshot',
  'Setting',
  'Mapping',
  'Rule',
  'Exception',
  'History',
  'Stage',
  'Registration',
];
const FIELD_WORDS_A = [
  'Account',
  'Billing',
  'Shipping',
  'Primary',
  'Secondary',
  'Total',
  'Net',
  'Gross',
  'Estimated',
  'Actual',
  'Approved',
  'Requested',
  'Last',
  'First',
  'Next',
  'Internal',
  'External',
  'Legacy',
  'Region',
  'Status',
  'Priority',
  'Source',
  'Target',
  'Start',
  'End',
  'Due',
  'Close',
  'Renewal',
  'Discount',
  'Tax',
  'Risk',
  'Health',
  'Customer',
  'Partner',
  'Owner',
  'Manager',
  'Contact',
  'Vendor',
  'Product',
  'Service',
];
const FIELD_WORDS_B = [
  'Amount',
  'Date',
  'Status',
  'Code',
  'Number',
  'Type',
  'Reason',
  'Category',
  'Score',
  'Rate',
  'Percent',
  'Count',
  'Flag',
  'Notes',
  'Description',
  'Name',
  'Email',
  'Phone',
  'URL',
  'Id',
  'Key',
  'Reference',
  'Level',
  'Stage',
  'Country',
  'City',
  'Postal_Code',
  'Comment',
  'Period',
  'Quarter',
  'Year',
  'Value',
  'Limit',
  'Balance',
  'Term',
  'Channel',
  'Segment',
  'Tier',
  'Owner',
  'Approver',
];

const STANDARD_OBJECTS = [
  [
    'Account',
    'Account',
    [
      'AccountNumber',
      'AccountSource',
      'AnnualRevenue',
      'BillingAddress',
      'Description',
      'Fax',
      'Industry',
      'Jigsaw',
      'NumberOfEmployees',
      'OwnershipType',
      'ParentId',
      'Phone',
      'Rating',
      'ShippingAddress',
      'Sic',
      'SicDesc',
      'Site',
      'TickerSymbol',
      'Type',
      'Website',
    ],
  ],
  [
    'Contact',
    'Contact',
    [
      'AccountId',
      'AssistantName',
      'AssistantPhone',
      'Birthdate',
      'Department',
      'Description',
      'Email',
      'Fax',
      'HomePhone',
      'Jigsaw',
      'LeadSource',
      'MailingAddress',
      'MobilePhone',
      'OtherAddress',
      'OtherPhone',
      'Phone',
      'ReportsToId',
      'Title',
    ],
  ],
  [
    'Case',
    'Case',
    [
      'AccountId',
      'AssetId',
      'ContactId',
      'Description',
      'Origin',
      'ParentId',
      'Priority',
      'Reason',
      'SourceId',
      'Subject',
      'SuppliedCompany',
      'SuppliedEmail',
      'SuppliedName',
      'SuppliedPhone',
      'Type',
    ],
  ],
  [
    'Opportunity',
    'Opportunity',
    [
      'AccountId',
      'Amount',
      'CampaignId',
      'CloseDate',
      'Description',
      'ExpectedRevenue',
      'ForecastCategoryName',
      'LeadSource',
      'NextStep',
      'Probability',
      'StageName',
      'TotalOpportunityQuantity',
      'Type',
    ],
  ],
  [
    'Lead',
    'Lead',
    [
      'Address',
      'AnnualRevenue',
      'Company',
      'Description',
      'Email',
      'Fax',
      'Industry',
      'Jigsaw',
      'LeadSource',
      'MobilePhone',
      'NumberOfEmployees',
      'Phone',
      'Rating',
      'Title',
      'Website',
    ],
  ],
  [
    'Campaign',
    'Campaign',
    [
      'ActualCost',
      'BudgetedCost',
      'Description',
      'EndDate',
      'ExpectedResponse',
      'ExpectedRevenue',
      'NumberSent',
      'ParentId',
      'StartDate',
      'Type',
    ],
  ],
  ['Task', 'Task', ['ActivityDate', 'Description', 'Priority', 'Status', 'Subject', 'WhatId', 'WhoId']],
  [
    'Event',
    'Event',
    [
      'ActivityDate',
      'Description',
      'DurationInMinutes',
      'EndDateTime',
      'Location',
      'ShowAs',
      'StartDateTime',
      'Subject',
      'WhatId',
      'WhoId',
    ],
  ],
  [
    'Product2',
    'Product',
    ['Description', 'DisplayUrl', 'ExternalId', 'Family', 'ProductCode', 'QuantityUnitOfMeasure', 'StockKeepingUnit'],
  ],
  [
    'Asset',
    'Asset',
    ['AccountId', 'ContactId', 'Description', 'InstallDate', 'Price', 'PurchaseDate', 'Quantity', 'SerialNumber', 'Status', 'UsageEndDate'],
  ],
  [
    'Contract',
    'Contract',
    [
      'AccountId',
      'ActivatedDate',
      'BillingAddress',
      'CompanySignedDate',
      'ContractTerm',
      'CustomerSignedDate',
      'Description',
      'EndDate',
      'OwnerExpirationNotice',
      'SpecialTerms',
      'StartDate',
    ],
  ],
  [
    'Order',
    'Order',
    [
      'AccountId',
      'ActivatedDate',
      'BillToContactId',
      'ContractId',
      'Description',
      'EffectiveDate',
      'EndDate',
      'OrderReferenceNumber',
      'PoDate',
      'PoNumber',
      'ShipToContactId',
      'Type',
    ],
  ],
  [
    'Quote',
    'Quote',
    [
      'AdditionalAddress',
      'BillingAddress',
      'ContactId',
      'Description',
      'Discount',
      'Email',
      'ExpirationDate',
      'Fax',
      'Phone',
      'ShippingAddress',
      'ShippingHandling',
      'Status',
      'Tax',
    ],
  ],
  [
    'WorkOrder',
    'Work Order',
    ['AccountId', 'AssetId', 'CaseId', 'ContactId', 'Description', 'Duration', 'EndDate', 'Priority', 'StartDate', 'Subject'],
  ],
  [
    'ServiceContract',
    'Service Contract',
    ['AccountId', 'ApprovalStatus', 'ContactId', 'Description', 'EndDate', 'SpecialTerms', 'StartDate', 'Term'],
  ],
  ['Entitlement', 'Entitlement', ['AccountId', 'AssetId', 'BusinessHoursId', 'CasesPerEntitlement', 'EndDate', 'StartDate', 'Type']],
  [
    'Individual',
    'Individual',
    ['BirthDate', 'CanStorePiiElsewhere', 'HasOptedOutGeoTracking', 'HasOptedOutProcessing', 'HasOptedOutTracking', 'ShouldForget'],
  ],
  ['Pricebook2', 'Price Book', ['Description', 'IsActive']],
  ['OpportunityLineItem', 'Opportunity Product', ['Description', 'Discount', 'ServiceDate']],
  [
    'User',
    'User',
    ['AboutMe', 'CompanyName', 'Department', 'Division', 'EmployeeNumber', 'Extension', 'Fax', 'ManagerId', 'MobilePhone', 'Title'],
  ],
];

const USER_PERMISSIONS = [
  'ActivateContract',
  'ActivateOrder',
  'ActivitiesAccess',
  'AddDirectMessageMembers',
  'AllowUniversalSearch',
  'AllowViewKnowledge',
  'ApexRestServices',
  'ApiEnabled',
  'ApproveContract',
  'AssignPermissionSets',
  'AssignTopics',
  'AuthorApex',
  'BulkMacrosAllowed',
  'CanApproveFeedPost',
  'CanEditDataPrepRecipe',
  'CanInsertFeedSystemFields',
  'CanUseNewDashboardBuilder',
  'CanVerifyComment',
  'ChangeDashboardColors',
  'ChatterEditOwnPost',
  'ChatterEditOwnRecordPost',
  'ChatterFileLink',
  'ChatterInternalUser',
  'ChatterInviteExternalUsers',
  'ChatterOwnGroups',
  'ClientSecretRotation',
  'ConnectOrgToEnvironmentHub',
  'ConsentApiUpdate',
  'ContentAdministrator',
  'ContentHubUser',
  'ContentWorkspaces',
  'ConvertLeads',
  'CreateCustomizeDashboards',
  'CreateCustomizeFilters',
  'CreateCustomizeReports',
  'CreateDashboardFolders',
  'CreateLtngTempFolder',
  'CreatePackaging',
  'CreateReportFolders',
  'CreateTopics',
  'CreateWorkBadgeDefinition',
  'CreateWorkspaces',
  'CustomizeApplication',
  'DataExport',
  'DelegatedTwoFactor',
  'DeleteActivatedContract',
  'DeleteTopics',
  'DistributeFromPersWksp',
  'EditActivatedOrders',
  'EditBillingInfo',
  'EditBrandTemplates',
  'EditCaseComments',
  'EditEvent',
  'EditHtmlTemplates',
  'EditKnowledge',
  'EditMyDashboards',
  'EditMyReports',
  'EditOppLineItemUnitPrice',
  'EditPublicDocuments',
  'EditPublicFilters',
  'EditPublicTemplates',
  'EditReadonlyFields',
  'EditTask',
  'EditTopics',
  'EmailAdministration',
  'EmailMass',
  'EmailSingle',
  'EmailTemplateManagement',
  'EnableCommunityAppLauncher',
  'EnableNotifications',
  'ExportReport',
  'FeedPinning',
  'FlowUFLRequired',
  'ForceTwoFactor',
  'GiveRecognitionBadge',
  'ImportCustomObjects',
  'ImportLeads',
  'ImportPersonal',
  'InstallPackaging',
  'LightningConsoleAllowedForUser',
  'LightningExperienceUser',
  'ListEmailSend',
  'ManageAnalyticSnapshots',
  'ManageAuthProviders',
  'ManageBusinessHourHolidays',
  'ManageCallCenters',
  'ManageCases',
  'ManageCategories',
  'ManageCertificates',
  'ManageChatterMessages',
  'ManageContentPermissions',
  'ManageContentProperties',
  'ManageContentTypes',
  'ManageCustomPermissions',
  'ManageCustomReportTypes',
  'ManageDashbdsInPubFolders',
  'ManageDataCategories',
  'ManageDataIntegrations',
  'ManageDynamicDashboards',
  'ManageEmailClientConfig',
  'ManageEncryptionKeys',
  'ManageExchangeConfig',
  'ManageHealthCheck',
  'ManageHubConnections',
  'ManageInteraction',
  'ManageInternalUsers',
  'ManageIpAddresses',
  'ManageKnowledge',
  'ManageKnowledgeImportExport',
  'ManageLeads',
  'ManageLoginAccessPolicies',
  'ManageMobile',
  'ManageNetworks',
  'ManagePackageLicenses',
  'ManagePasswordPolicies',
  'ManageProfilesPermissionsets',
  'ManagePropositions',
  'ManagePvtRptsAndDashbds',
  'ManageRecommendationStrategies',
  'ManageReleaseUpdates',
  'ManageRemoteAccess',
  'ManageReportsInPubFolders',
  'ManageRoles',
  'ManageSearchPromotionRules',
  'ManageSessionPermissionSets',
  'ManageSharing',
  'ManageSolutions',
  'ManageSubscriptions',
  'ManageSynonyms',
  'ManageTemplatedApp',
  'ManageTranslation',
  'ManageTwoFactor',
  'ManageUnlistedGroups',
  'ManageUsers',
  'MassInlineEdit',
  'MergeTopics',
  'ModerateChatter',
  'ModerateNetworkUsers',
  'ModifyAllData',
  'ModifyDataClassification',
  'ModifyMetadata',
  'NewReportBuilder',
  'OverrideForecasts',
  'Packaging2',
  'Packaging2Delete',
  'PrivacyDataAccess',
  'RemoveDirectMessageMembers',
  'ResetPasswords',
  'RunFlow',
  'RunReports',
  'SandboxTestingInCommunityApp',
  'ScheduleJob',
  'ScheduleReports',
  'SelectFilesFromSalesforce',
  'SendAnnouncementEmails',
  'SendCustomNotifications',
  'SendSitRequests',
  'ShareInternalArticles',
  'ShowCompanyNameAsUserBadge',
  'SolutionImport',
  'SubmitMacrosAllowed',
  'SubscribeDashboardRolesGrps',
  'SubscribeDashboardToOtherUsers',
  'SubscribeReportRolesGrps',
  'SubscribeReportToOtherUsers',
  'SubscribeReportsRunAsUser',
  'SubscribeToLightningDashboards',
  'SubscribeToLightningReports',
  'TraceXdsQueries',
  'TransactionalEmailSend',
  'TransferAnyCase',
  'TransferAnyEntity',
  'TransferAnyLead',
  'UseTeamReassignWizards',
  'UseWebLink',
  'ViewAllActivities',
  'ViewAllData',
  'ViewAllForecasts',
  'ViewAllProfiles',
  'ViewAllUsers',
  'ViewDataAssessment',
  'ViewDataCategories',
  'ViewDataLeakageEvents',
  'ViewDeveloperName',
  'ViewEventLogFiles',
  'ViewFlowUsageAndFlowEventData',
  'ViewHealthCheck',
  'ViewHelpLink',
  'ViewMLModels',
  'ViewMyTeamsDashboards',
  'ViewPlatformEvents',
  'ViewPublicDashboards',
  'ViewPublicReports',
  'ViewRoles',
  'ViewSetup',
  'ViewUserPII',
  'WorkCalibrationUser',
];
const PRIVILEGED = new Set([
  'ModifyAllData',
  'ViewAllData',
  'CustomizeApplication',
  'AuthorApex',
  'ModifyMetadata',
  'ManageProfilesPermissionsets',
  'ManageInteraction',
  'ManageUsers',
  'ManageInternalUsers',
  'AssignPermissionSets',
  'ManageRoles',
  'ManageSharing',
  'ResetPasswords',
  'ManagePasswordPolicies',
  'ManageLoginAccessPolicies',
  'ManageTwoFactor',
  'ManageAuthProviders',
  'ManageCertificates',
  'ManagePartners',
  'ManageNetworks',
  'ViewSetup',
  'ViewAllUsers',
  'EditReadonlyFields',
  'ManageEncryptionKeys',
  'InstallPackaging',
  'ManageIpAddresses',
  'ManageRemoteAccess',
  'ModifyDataClassification',
  'ManageCustomPermissions',
  'ViewAllProfiles',
  'DataExport',
  'ScheduleJob',
  'ManageDataIntegrations',
  'ManageTranslation',
  'ManageHealthCheck',
  'ManageReleaseUpdates',
  'EmailAdministration',
  'CreatePackaging',
  'Packaging2',
  'Packaging2Delete',
  'ConnectOrgToEnvironmentHub',
  'ManageHubConnections',
  'ManageSessionPermissionSets',
  'ManagePackageLicenses',
  'ManageExchangeConfig',
  'ManageEmailClientConfig',
  'ManageCallCenters',
  'ClientSecretRotation',
  'DelegatedTwoFactor',
  'ViewEventLogFiles',
  'ViewDataLeakageEvents',
  'TraceXdsQueries',
  'ManageSynonyms',
  'ManageTemplatedApp',
  'ManageMobile',
  'ManageAnalyticSnapshots',
  'ManageBusinessHourHolidays',
  'ManageDataCategories',
  'ManageSearchPromotionRules',
  'ManageKnowledgeImportExport',
  'ViewHealthCheck',
  'ManageRecommendationStrategies',
  'ModerateNetworkUsers',
  'ManageUnlistedGroups',
  'ManageChatterMessages',
  'ManageSubscriptions',
  'ManagePropositions',
  'CanInsertFeedSystemFields',
  'ViewAllActivities',
  'TransferAnyEntity',
  'ViewUserPII',
  'PrivacyDataAccess',
  'ViewMLModels',
]);
const STANDARD_USER_PERMISSIONS = USER_PERMISSIONS.filter((p) => !PRIVILEGED.has(p));
const EXTERNAL_USER_PERMISSIONS = [
  'ActivitiesAccess',
  'AllowViewKnowledge',
  'ChatterEditOwnPost',
  'ChatterFileLink',
  'ChatterOwnGroups',
  'CreateCustomizeReports',
  'EditEvent',
  'EditTask',
  'EnableNotifications',
  'RunReports',
  'SelectFilesFromSalesforce',
  'SendSitRequests',
  'ShowCompanyNameAsUserBadge',
  'UseWebLink',
];
const GUEST_USER_PERMISSIONS = ['AllowViewKnowledge', 'ChatterFileLink'];

const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM', 'DACH', 'UK', 'Nordics', 'ANZ', 'Japan', 'Benelux'];
const DEPARTMENTS = [
  'Sales',
  'Service',
  'Marketing',
  'Finance',
  'Operations',
  'Support',
  'Legal',
  'Procurement',
  'Field Service',
  'Partner Success',
  'Renewals',
  'Billing',
  'HR',
  'IT',
];
const ROLES = ['Agent', 'Manager', 'Rep', 'Analyst', 'Lead', 'Director', 'Specialist', 'Read Only', 'Supervisor', 'Coordinator'];
const CAPABILITIES = [
  'Report_Builder',
  'Data_Loader',
  'Case_Escalation',
  'Quote_Approver',
  'Discount_Override',
  'Knowledge_Author',
  'Territory_Admin',
  'Contract_Editor',
  'Invoice_Viewer',
  'Lead_Import',
  'Campaign_Manager',
  'Forecast_Viewer',
  'Order_Activation',
  'Asset_Tracker',
  'Survey_Sender',
  'Field_Audit',
  'Community_Moderator',
  'API_Integration',
  'Flow_Runner',
  'Email_Templates',
  'Dashboard_Builder',
  'Entitlement_Manager',
  'Work_Order_Dispatch',
  'Partner_Onboarding',
  'Deal_Registration',
];
const LICENSES_INTERNAL = [
  'Salesforce',
  'Salesforce',
  'Salesforce',
  'Salesforce',
  'Salesforce Platform',
  'Salesforce Platform',
  'Force.com - App Subscription',
  'Chatter Free',
];
const SITE_NAMES = [
  ['Partners', 'Partner Community', 'partners'],
  ['Customers', 'Customer Community Plus Login', 'customers'],
  ['Help_Center', 'Customer Community Login', 'help'],
  ['Suppliers', 'Partner Community Login', 'suppliers'],
];
const STANDARD_BUTTONS = ['Edit', 'Delete', 'Clone', 'ChangeOwnerOne', 'ChangeRecordType', 'Share', 'PrintableView', 'Submit'];
const CONTACT_ACTIONS = [
  'EnableCustomerPortal',
  'EnablePartnerPortalUser',
  'ViewCustomerPortal',
  'ViewPartnerPortalUser',
  'DisableCustomerPortal',
  'DisablePartnerPortal',
  'LoginToNetworkAsUser',
];
const MANAGED_NAMESPACES = ['SBQQ', 'npsp', 'FinServ', 'et4ae5', 'dlrs', 'sfLma', 'pi', 'Loop', 'rh2', 'zkmulti'];
const APPS = [
  'standard__Sales',
  'standard__Service',
  'standard__Marketing',
  'standard__Community',
  'standard__Chatter',
  'standard__LightningSales',
  'standard__LightningService',
  'standard__ServiceConsole',
  'standard__SalesforceCMS',
  'standard__Insights',
  'standard__AppLauncher',
  'standard__Platform',
  'standard__OnlineSales',
  'standard__DataManager',
];
const FIELD_TYPES = [
  'Text',
  'Text',
  'Text',
  'Number',
  'Checkbox',
  'Checkbox',
  'Picklist',
  'Picklist',
  'Date',
  'DateTime',
  'Currency',
  'Percent',
  'Lookup',
  'LongTextArea',
  'Email',
  'Phone',
  'Url',
  'Formula',
  'TextArea',
];

// ---------------------------------------------------------------------------------------------
// XML helpers.
// ---------------------------------------------------------------------------------------------
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESCAPES[c]);
const I1 = '    ',
  I2 = '        ',
  I3 = '            ',
  I4 = '                ',
  I5 = '                    ',
  I6 = '                        ';
const el = (indent, name, value) => `${indent}<${name}>${esc(value)}</${name}>\n`;
const open = (root, extra = '') => `${HEAD}<${root} xmlns="${NS}"${extra}>\n`;
const close = (root) => `</${root}>\n`;
/** Salesforce's file-name encoding of component names (the same form is used in layoutAssignments). */
const encodeName = (name) => name.replace(/[%:()&./'"?*<>|#\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

// ---------------------------------------------------------------------------------------------
// Output: per-type folder and suffix in each format; counts files and bytes.
// ---------------------------------------------------------------------------------------------
class Output {
  constructor(root, format) {
    this.root = root;
    this.format = format;
    this.base = format === 'source' ? path.join(root, 'force-app', 'main', 'default') : path.join(root, 'src');
    this.dirs = new Set();
    this.files = 0;
    this.bytes = 0;
    this.xmlFiles = 0;
    this.xmlBytes = 0;
    this.byType = {};
    /** Name tag of the current copy (`--scale`): '' for copy 1, `_Copyk` for copy k. */
    this.tag = '';
  }
  /** The path of `file` in the current copy: the top-level component's name tagged (project files unchanged). */
  tagged(file) {
    if (!this.tag) return file;
    const rel = path.relative(this.base, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return file;
    const parts = rel.split(path.sep);
    const tagName = (name) => (name.endsWith('__c') ? `${name.slice(0, -3)}${this.tag}__c` : `${name}${this.tag}`);
    const tagFile = (name) => {
      const dot = name.indexOf('.');
      return dot < 0 ? tagName(name) : `${tagName(name.slice(0, dot))}${name.slice(dot)}`;
    };
    if (parts.length === 2) parts[1] = tagFile(parts[1]);
    else if (parts[0] === 'objects' && parts.length >= 3) {
      parts[1] = tagName(parts[1]);
      if (parts.length === 3) parts[2] = tagFile(parts[2]);
    } else if (parts.length > 1) throw new Error(`--scale: no naming rule for ${rel}`);
    return path.join(this.base, ...parts);
  }
  /** A component file: `dir/name.suffix` (metadata) or `dir/name.suffix-meta.xml` (source). */
  componentPath(dir, name, suffix) {
    return path.join(this.base, dir, this.format === 'source' ? `${name}.${suffix}-meta.xml` : `${name}.${suffix}`);
  }
  ensureDir(dir) {
    if (this.dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }
  count(type, bytes, xml) {
    this.files++;
    this.bytes += bytes;
    if (xml) {
      this.xmlFiles++;
      this.xmlBytes += bytes;
    }
    const t = (this.byType[type] ??= { files: 0, bytes: 0 });
    t.files++;
    t.bytes += bytes;
  }
  write(file, text, type, xml = true) {
    file = this.tagged(file);
    this.ensureDir(path.dirname(file));
    const buffer = Buffer.from(text, 'utf8');
    writeFileSync(file, buffer);
    this.count(type, buffer.length, xml);
  }
  /** A streamed file for the big ones: chunks are flushed as they reach 1 MiB. */
  stream(file, type) {
    file = this.tagged(file);
    this.ensureDir(path.dirname(file));
    const fd = openSync(file, 'w');
    let parts = [];
    let pending = 0;
    let total = 0;
    const flush = () => {
      if (parts.length === 0) return;
      const buffer = Buffer.from(parts.join(''), 'utf8');
      writeSync(fd, buffer);
      total += buffer.length;
      parts = [];
      pending = 0;
    };
    return {
      push: (text) => {
        parts.push(text);
        pending += text.length;
        if (pending >= 1 << 20) flush();
      },
      end: () => {
        flush();
        closeSync(fd);
        this.count(type, total, true);
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The org model: every name that files refer to, decided before any file is written.
// ---------------------------------------------------------------------------------------------
function buildOrg(sizeName, seed) {
  const cfg = SIZES[sizeName];
  const rng = new Rng(seed, `org:${sizeName}`);
  const org = { size: sizeName, cfg, seed, planted: {} };
  const plant = (what, n = 1) => (org.planted[what] = (org.planted[what] ?? 0) + n);
  org.plant = plant;

  // Objects: standard ones first, then custom ones with unique two-word names.
  const objects = [];
  for (const [api, label, std] of STANDARD_OBJECTS.slice(0, cfg.standardObjects))
    objects.push({ api, label, custom: false, standardFields: std });
  const combos = [];
  for (const a of OBJECT_WORDS_A) for (const b of OBJECT_WORDS_B) combos.push(`${a}_${b}`);
  const chosen = rng.shuffle(combos);
  for (let i = 0; i < cfg.customObjects; i++) {
    const base = i < chosen.length ? chosen[i] : `${chosen[i % chosen.length]}_${Math.floor(i / chosen.length) + 1}`;
    objects.push({ api: `${base}__c`, label: base.replace(/_/g, ' '), custom: true, standardFields: [] });
  }
  // Custom fields on every object (standard objects get them too, as in real orgs).
  const fieldCombos = [];
  for (const a of FIELD_WORDS_A) for (const b of FIELD_WORDS_B) if (a !== b) fieldCombos.push(`${a}_${b}`);
  let totalFields = 0;
  for (const object of objects) {
    const orng = new Rng(seed, `fields:${object.api}`);
    const n = orng.range(cfg.fieldsPerObject);
    object.fields = orng
      .sample(fieldCombos, n)
      .sort()
      .map((base, index) => {
        const type = object.custom && index === 0 && objects.length > 1 && orng.chance(0.3) ? 'MasterDetail' : orng.pick(FIELD_TYPES);
        return { api: `${base}__c`, label: base.replace(/_/g, ' '), type, required: type === 'MasterDetail' || orng.chance(0.04) };
      });
    totalFields += n;
    object.recordTypes =
      orng.chance(cfg.recordTypeShare) || (object.api === 'Account' && sizeName !== 'small')
        ? orng.sample(['Business', 'Partner', 'Enterprise', 'Small_Business', 'Internal', 'Public_Sector'], orng.int(2, 4)).sort()
        : [];
    object.listViews = [
      'All',
      ...orng.sample(['My_Records', 'Recently_Viewed_Open', 'This_Quarter', 'Needs_Review', 'Escalated'], orng.range(cfg.listViews)),
    ];
    object.validationRules = orng.sample(
      ['Require_Reason_When_Closed', 'Amount_Must_Be_Positive', 'End_After_Start', 'Valid_Email_Domain', 'Lock_When_Approved'],
      orng.range(cfg.validationRules),
    );
    // Default external access: Private / ControlledByParent, with a sprinkling of Read/ReadWrite (external-sharing-default-public).
    object.sharingModel = object.custom
      ? orng.pick(['ReadWrite', 'Private', 'Read', 'Private'])
      : object.api === 'Contact'
        ? 'ControlledByParent'
        : 'Private';
    object.externalSharingModel = object.api === 'Contact' ? 'ControlledByParent' : 'Private';
    if (object.custom && orng.chance(sizeName === 'small' ? 0.5 : 0.04)) {
      object.externalSharingModel = orng.pick(['Read', 'ReadWrite']);
      plant('object externalSharingModel Read/ReadWrite');
    }
  }
  // Each layout's related lists beyond the first two name a child object's lookup to the layout's object; the child
  // gets that lookup field, so the project deploys (a related list naming a field nobody wrote is a missing reference).
  for (const object of objects) {
    object.relatedChildren = [];
    for (let i = 2; i <= cfg.layoutSections; i++) object.relatedChildren.push(objects[(i * 13 + object.fields.length) % objects.length]);
  }
  for (const object of objects)
    for (const child of object.relatedChildren) {
      const api = `${object.api.replace(/__c$/u, '')}__c`;
      if (child.fields.some((f) => f.api === api)) continue;
      child.fields.push({
        api,
        label: api.replace(/__c$/u, '').replace(/_/g, ' '),
        type: 'Lookup',
        required: false,
        referenceTo: object.api,
      });
      totalFields++;
    }
  for (const object of objects) object.fields.sort((a, b) => (a.api < b.api ? -1 : a.api > b.api ? 1 : 0));
  org.objects = objects;
  org.totalCustomFields = totalFields;

  // The field pool profiles and permission sets refer to, sorted as Salesforce sorts fieldPermissions.
  const pool = [];
  for (const object of objects) {
    for (const f of object.standardFields) pool.push(`${object.api}.${f}`);
    for (const f of object.fields) if (!f.required) pool.push(`${object.api}.${f.api}`);
  }
  // Managed-package objects and fields: in profiles of orgs with installed packages, not in the project.
  org.managedObjects = [];
  for (let i = 0; i < cfg.managedObjects; i++) {
    const ns = MANAGED_NAMESPACES[i % MANAGED_NAMESPACES.length];
    org.managedObjects.push(`${ns}__${chosen[(chosen.length - 1 - i) % chosen.length]}__c`);
  }
  for (let i = 0; i < cfg.managedFields; i++) {
    const object = org.managedObjects[i % org.managedObjects.length];
    const ns = object.slice(0, object.indexOf('__'));
    pool.push(
      `${object}.${ns}__${fieldCombos[(i * 7919) % fieldCombos.length]}${i >= fieldCombos.length ? `_${Math.floor(i / fieldCombos.length)}` : ''}__c`,
    );
  }
  org.fieldPool = [...new Set(pool)].sort();
  org.allObjectNames = [...objects.map((o) => o.api), ...org.managedObjects].sort();

  // Apex, Visualforce, apps, custom permissions, tabs.
  const classWords = [
    'Controller',
    'Service',
    'Selector',
    'Handler',
    'Batch',
    'Scheduler',
    'Helper',
    'Test',
    'Queueable',
    'Invocable',
    'Rest',
    'Util',
  ];
  org.classes = [];
  for (let i = 0; i < cfg.classes; i++) {
    const object = objects[i % objects.length].api.replace(/__c$/u, '').replace(/_/g, '');
    org.classes.push(
      `${object}${classWords[Math.floor(i / objects.length) % classWords.length]}${i >= objects.length * classWords.length ? Math.floor(i / (objects.length * classWords.length)) : ''}`,
    );
  }
  org.classes = [...new Set(org.classes)].sort();
  org.pages = Array.from(
    { length: cfg.pages },
    (_, i) =>
      `${objects[i % objects.length].api.replace(/__c$/u, '').replace(/_/g, '')}${['View', 'Edit', 'Print', 'Wizard'][Math.floor(i / objects.length) % 4]}${i >= objects.length * 4 ? i : ''}`,
  ).sort();
  org.apps = [
    ...APPS,
    ...objects
      .filter((o) => o.custom)
      .slice(0, Math.ceil(cfg.customObjects / 25))
      .map((o) => o.api.replace(/__c$/u, '_App')),
  ].sort();
  org.customPermissions = CAPABILITIES.slice(0, Math.min(CAPABILITIES.length, 3 + Math.ceil(cfg.permissionSets / 20)))
    .map((c) => `Can_${c}`)
    .sort();
  org.tabs = objects.filter((o) => o.custom).map((o) => o.api);

  // Layouts: one per object, then variants (Contact and Account get the partner/customer ones).
  org.layouts = [];
  const addLayout = (object, label, kind) => {
    const name = `${object.api}-${label}`;
    org.layouts.push({ object, name, fileName: encodeName(name), kind });
    return name;
  };
  for (const object of objects) object.baseLayout = addLayout(object, `${object.label} Layout`, 'base');
  const contact = objects.find((o) => o.api === 'Contact');
  const account = objects.find((o) => o.api === 'Account');
  if (contact) {
    contact.partnerLayout = addLayout(contact, 'Partner Contact Layout', 'partner');
    contact.communityLayout = addLayout(contact, 'Customer Community Contact Layout', 'community');
  }
  if (account) {
    account.partnerLayout = addLayout(account, 'Partner Account Layout', 'partner');
    if (sizeName !== 'small') addLayout(account, 'Account (Marketing) Layout', 'variant');
  }
  const variantLabels = [
    'Sales',
    'Service',
    'Read Only',
    'Partner',
    'Community',
    'EMEA',
    'Support',
    'Finance',
    'Operations',
    'Field Service',
    'R&D',
    'Legacy',
    'Renewals',
    'Onboarding',
  ];
  for (let i = 0; org.layouts.length < objects.length + 4 + cfg.extraLayouts; i++) {
    const object = objects[(i * 37) % objects.length];
    const label = `${object.label} ${variantLabels[Math.floor(i / objects.length) % variantLabels.length]}${i >= objects.length * variantLabels.length ? ` ${Math.floor(i / (objects.length * variantLabels.length)) + 1}` : ''} Layout`;
    if (org.layouts.some((l) => l.name === `${object.api}-${label}`)) continue;
    const name = addLayout(object, label, 'variant');
    (object.variantLayouts ??= []).push(name);
  }
  // One layout left in the middle of a merge (parse-error), as happens in real repositories.
  if (sizeName !== 'small') {
    const victim = org.layouts.find((l) => l.kind === 'variant' && l.object.custom);
    if (victim) {
      victim.conflict = true;
      plant('layout with git merge-conflict markers (parse-error)');
    }
  }

  // Networks and sites.
  org.networks = SITE_NAMES.slice(0, cfg.networks).map(([name, license, prefix], i) => ({
    name,
    license,
    prefix,
    label: name.replace(/_/g, ' '),
    guestProfile: `${name.replace(/_/g, ' ')} Profile`,
    index: i,
  }));

  // Profiles.
  const profiles = [];
  const addProfile = (name, kind, license, extra = {}) => {
    profiles.push({ name, fileName: encodeName(name), kind, license, ...extra });
  };
  addProfile('Admin', 'admin', 'Salesforce');
  addProfile('Standard', 'internal', 'Salesforce');
  addProfile('ReadOnly', 'internal', 'Salesforce', { readOnly: true });
  addProfile('Custom: Sales Profile', 'internal', 'Salesforce', { managesPartners: true });
  addProfile('Custom: Support Profile', 'internal', 'Salesforce');
  if (sizeName !== 'small') {
    addProfile('Custom: Marketing Profile', 'internal', 'Salesforce');
    addProfile('ContractManager', 'internal', 'Salesforce');
    addProfile('SolutionManager', 'internal', 'Salesforce');
    addProfile('Force.com - App Subscription User', 'internal', 'Force.com - App Subscription');
    addProfile('Chatter Free User', 'chatter', 'Chatter Free');
    addProfile('Custom: System Administrator', 'admin', 'Salesforce');
    addProfile('Integration User', 'admin', 'Salesforce Integration');
  }
  for (const network of org.networks) {
    addProfile(
      `${network.label} ${network.license.includes('Partner') ? 'Partner' : 'Customer'} User`,
      network.license.includes('Partner') ? 'partner' : 'customer',
      network.license,
      { network: network.name },
    );
    addProfile(network.guestProfile, 'guest', 'Guest User License', { network: network.name });
  }
  addProfile('Partner Community User', 'partner', 'Partner Community');
  addProfile('Customer Community Login User', 'customer', 'Customer Community Login');
  // Generated internal profiles (and a few more external ones) up to the size.
  const extLicenses = ['Partner Community Login', 'Customer Community Plus', 'Customer Community Login', 'Partner Community'];
  for (let i = 0; profiles.length < cfg.profiles; i++) {
    const r = REGIONS[i % REGIONS.length];
    const d = DEPARTMENTS[Math.floor(i / REGIONS.length) % DEPARTMENTS.length];
    const role = ROLES[Math.floor(i / (REGIONS.length * DEPARTMENTS.length)) % ROLES.length];
    if (i % 17 === 16) {
      const license = extLicenses[i % extLicenses.length];
      addProfile(
        `${r} ${license.includes('Partner') ? 'Partner' : 'Customer'} Portal User`,
        license.includes('Partner') ? 'partner' : 'customer',
        license,
      );
    } else {
      addProfile(`${r} ${d} ${role}`, 'internal', LICENSES_INTERNAL[i % LICENSES_INTERNAL.length]);
    }
  }
  profiles.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  org.profiles = profiles;
  // Profile-level plants, a realistic few per size.
  const internals = profiles.filter((p) => p.kind === 'internal');
  const externals = profiles.filter((p) => p.kind === 'partner' || p.kind === 'customer');
  const prng = new Rng(seed, `profile-plants:${sizeName}`);
  for (const p of internals) {
    if (!p.managesPartners && prng.chance(0.05)) p.managesPartners = true;
    if (prng.chance(sizeName === 'small' ? 0 : 0.04)) p.adminClone = true;
    if (prng.chance(0.03)) p.broadIp = true;
  }
  for (const _profile of profiles.filter((x) => x.managesPartners)) plant('internal profile grants ManagePartners (Manage External Users)');
  for (const _profile of profiles.filter((x) => x.adminClone)) plant('internal profile with privileged permissions (admin clone)');
  for (const _profile of profiles.filter((x) => x.broadIp)) plant('profile loginIpRanges 0.0.0.0-255.255.255.255');
  const viewAllManager = internals.find((p) => p.managesPartners);
  if (viewAllManager) {
    viewAllManager.contactViewAllNoAccount = true;
    plant('External-user manager with View All on Contact but no Account read');
  }
  if (externals[0]) {
    externals[0].viewSetup = true;
    plant('external profile grants ViewSetup');
  }
  // External profiles outside every site (external-profile-site-membership).
  for (const p of externals) p.member = Boolean(p.network) || prng.chance(0.5);
  const guests = profiles.filter((p) => p.kind === 'guest');
  if (guests[0]) {
    guests[0].runFlow = true;
    plant('guest profile grants RunFlow');
  }
  if (guests[guests.length - 1]) {
    guests[guests.length - 1].guestEdit = true;
    plant('guest profile with Edit on an object');
  }

  // Permission sets.
  const permissionSets = [];
  const psNames = new Set();
  const addPs = (name, kind, extra = {}) => {
    if (psNames.has(name)) return;
    psNames.add(name);
    permissionSets.push({ name, label: name.replace(/_/g, ' '), kind, ...extra });
  };
  addPs('Partner_Manager', 'manager');
  addPs('Identity_Admin', 'small', { grants: ['ManageUsers', 'ResetPasswords'] });
  addPs('Integration_Super_User', 'small', { grants: ['ViewAllData', 'ModifyAllData', 'ManageUsers', 'ApiEnabled'] });
  plant('permission set grants View All Data + Modify All Data + Manage Users (super-admin equivalent)');
  for (let i = 0; permissionSets.length < cfg.permissionSets; i++) {
    const d = DEPARTMENTS[i % DEPARTMENTS.length].replace(/ /g, '_');
    const c = CAPABILITIES[Math.floor(i / DEPARTMENTS.length) % CAPABILITIES.length];
    const suffix =
      i >= DEPARTMENTS.length * CAPABILITIES.length ? `_${Math.floor(i / (DEPARTMENTS.length * CAPABILITIES.length)) + 1}` : '';
    const r = prng.next();
    // Most permission sets are small; some grant a module's objects and fields; a few grant everything.
    const kind = r < cfg.permissionSetKinds[0] ? 'small' : r < cfg.permissionSetKinds[1] ? 'module' : 'broad';
    addPs(`${d}_${c}${suffix}`, kind);
  }
  for (const ps of permissionSets) {
    if (ps.kind !== 'manager' && !ps.grants && prng.chance(0.015)) {
      ps.grants = [prng.pick(['AuthorApex', 'ModifyAllData', 'CustomizeApplication', 'ViewAllData'])];
      plant('permission set grants a privileged permission');
    }
  }
  permissionSets.sort((a, b) => (a.name < b.name ? -1 : 1));
  org.permissionSets = permissionSets;
  org.permissionSetGroups = Array.from({ length: cfg.permissionSetGroups }, (_, i) => ({
    name: `${DEPARTMENTS[i % DEPARTMENTS.length].replace(/ /g, '_')}_Bundle${i >= DEPARTMENTS.length ? `_${i}` : ''}`,
    members: new Rng(seed, `psg:${i}`)
      .sample(
        permissionSets.map((p) => p.name),
        4,
      )
      .sort(),
  }));
  org.remoteSites = Array.from({ length: cfg.remoteSites }, (_, i) => ({
    name: `${['ERP', 'Payments', 'Geocoding', 'Tax', 'Shipping', 'Marketing', 'Identity', 'Billing'][i % 8]}_API${i >= 8 ? `_${i}` : ''}`,
    insecure: i === 1,
  }));
  plant('remote site with http:// and protocol security off');
  return org;
}

// ---------------------------------------------------------------------------------------------
// Writers.
// ---------------------------------------------------------------------------------------------
// The user permissions that deploys refuse without others (the object-permission-dependency table): the generator
// adds the user permissions they need and leaves out those whose object access the profile lacks, so the project deploys.
const USER_PERMISSION_NEEDS = { ModifyAllData: ['ViewAllData'], ManageUsers: ['ViewRoles'], CustomizeApplication: ['ManageTranslation'] };
const OBJECT_ACCESS_NEEDS = {
  ConvertLeads: [['Account', 'create']],
  ImportPersonal: [
    ['Account', 'create'],
    ['Contact', 'create'],
    ['Account', 'edit'],
    ['Contact', 'edit'],
  ],
};

/** Settles `grants` (name -> enabled) against `access` (object -> its create and edit flags). */
function settleDependencies(grants, access) {
  for (const [name, needs] of Object.entries(OBJECT_ACCESS_NEEDS))
    if (grants.get(name) && !needs.every(([object, flag]) => access.get(object)?.[flag])) grants.delete(name);
  for (const [name, needs] of Object.entries(USER_PERMISSION_NEEDS)) if (grants.get(name)) for (const need of needs) grants.set(need, true);
}

function objectPermissionXml(object, c, d, e, r, m, v, access) {
  access?.set(object, { create: c, edit: e });
  return `${I1}<objectPermissions>\n${I2}<allowCreate>${c}</allowCreate>\n${I2}<allowDelete>${d}</allowDelete>\n${I2}<allowEdit>${e}</allowEdit>\n${I2}<allowRead>${r}</allowRead>\n${I2}<modifyAllRecords>${m}</modifyAllRecords>\n${I2}<object>${object}</object>\n${I2}<viewAllRecords>${v}</viewAllRecords>\n${I1}</objectPermissions>\n`;
}
const FP_OPEN = `${I1}<fieldPermissions>\n${I2}<editable>`;
const fieldPermissionXml = (field, editable, readable) =>
  `${FP_OPEN}${editable}</editable>\n${I2}<field>${field}</field>\n${I2}<readable>${readable}</readable>\n${I1}</fieldPermissions>\n`;
const userPermissionXml = (name, enabled) =>
  `${I1}<userPermissions>\n${I2}<enabled>${enabled}</enabled>\n${I2}<name>${name}</name>\n${I1}</userPermissions>\n`;

function writeProfile(out, org, p) {
  const { cfg, seed } = org;
  const rng = new Rng(seed, `profile:${p.name}`);
  const access = new Map();
  const s = out.stream(out.componentPath('profiles', p.fileName, 'profile'), 'Profile');
  const internal = p.kind === 'admin' || p.kind === 'internal' || p.kind === 'chatter';
  s.push(open('Profile'));
  for (const app of org.apps) {
    if (!internal && !app.startsWith('standard__Comm')) continue;
    s.push(
      `${I1}<applicationVisibilities>\n${I2}<application>${app}</application>\n${I2}<default>${app === 'standard__LightningSales' && internal}</default>\n${I2}<visible>${p.kind === 'admin' || rng.chance(0.5)}</visible>\n${I1}</applicationVisibilities>\n`,
    );
  }
  const classShare = p.kind === 'admin' ? cfg.classShare[1] : internal ? rng.real(...cfg.classShare) : 0.02;
  for (const cls of org.classes)
    if (rng.chance(classShare))
      s.push(
        `${I1}<classAccesses>\n${I2}<apexClass>${cls}</apexClass>\n${I2}<enabled>${p.kind === 'admin' || rng.chance(0.7)}</enabled>\n${I1}</classAccesses>\n`,
      );
  s.push(
    el(
      I1,
      'custom',
      ![
        'Admin',
        'Standard',
        'ReadOnly',
        'ContractManager',
        'SolutionManager',
        'Chatter Free User',
        'Partner Community User',
        'Customer Community Login User',
      ].includes(p.name),
    ),
  );
  for (const cp of org.customPermissions)
    if (p.kind === 'admin' || (internal && rng.chance(0.2)))
      s.push(`${I1}<customPermissions>\n${I2}<enabled>true</enabled>\n${I2}<name>${cp}</name>\n${I1}</customPermissions>\n`);
  if (rng.chance(0.4)) s.push(el(I1, 'description', `${p.name} users & their ${p.kind} access (managed by the CoE)`));
  // Field permissions: the broad part of a profile.
  const share =
    p.kind === 'guest'
      ? Math.min(0.02, cfg.profileFieldShare[1])
      : !internal
        ? cfg.profileFieldShare[0] * 0.5 + 0.01
        : rng.real(...cfg.profileFieldShare);
  const all = share >= 1;
  for (const field of org.fieldPool) {
    if (!all && rng.next() >= share) continue;
    const readable = p.kind === 'admin' || rng.next() < 0.85;
    const editable = readable && !p.readOnly && p.kind !== 'guest' && (p.kind === 'admin' || rng.next() < 0.6);
    s.push(fieldPermissionXml(field, editable, readable));
  }
  // Layout assignments: one per object, one per record type.
  if (p.kind !== 'chatter') {
    for (const object of org.objects) {
      if (!internal && !['Account', 'Contact', 'Case'].includes(object.api) && !rng.chance(cfg.externalObjectShare)) continue;
      const layout =
        object.partnerLayout && (p.kind === 'partner' || p.kind === 'customer')
          ? object.api === 'Contact' && p.kind === 'customer'
            ? object.communityLayout
            : object.partnerLayout
          : object.api === 'Contact' && p.managesPartners && object.partnerLayout && rng.chance(0.5)
            ? object.partnerLayout
            : object.variantLayouts && rng.chance(0.3)
              ? rng.pick(object.variantLayouts)
              : object.baseLayout;
      s.push(`${I1}<layoutAssignments>\n${I2}<layout>${esc(encodeName(layout))}</layout>\n${I1}</layoutAssignments>\n`);
      for (const rt of object.recordTypes)
        s.push(
          `${I1}<layoutAssignments>\n${I2}<layout>${esc(encodeName(layout))}</layout>\n${I2}<recordType>${object.api}.${rt}</recordType>\n${I1}</layoutAssignments>\n`,
        );
    }
  }
  if (p.broadIp) {
    s.push(
      `${I1}<loginIpRanges>\n${I2}<description>Anywhere (temporary, for the migration)</description>\n${I2}<endAddress>255.255.255.255</endAddress>\n${I2}<startAddress>0.0.0.0</startAddress>\n${I1}</loginIpRanges>\n`,
    );
  } else if (internal && rng.chance(0.15)) {
    const octet = rng.int(1, 200);
    s.push(
      `${I1}<loginIpRanges>\n${I2}<description>Office VPN</description>\n${I2}<endAddress>198.51.${octet}.255</endAddress>\n${I2}<startAddress>198.51.${octet}.0</startAddress>\n${I1}</loginIpRanges>\n`,
    );
  }
  // Object permissions: hundreds on internal profiles.
  for (const object of org.allObjectNames) {
    if (p.kind === 'chatter') break;
    if (p.kind === 'admin') {
      s.push(objectPermissionXml(object, true, true, true, true, true, true, access));
      continue;
    }
    if (p.kind === 'guest') {
      if (object === 'Case' || object === 'Product2' || (org.objects.find((o) => o.api === object)?.custom && rng.chance(0.02))) {
        s.push(
          objectPermissionXml(object, object === 'Case', false, Boolean(p.guestEdit && object === 'Case'), true, false, false, access),
        );
      }
      continue;
    }
    if (!internal) {
      if (object === 'Account') s.push(objectPermissionXml(object, false, false, false, true, false, false, access));
      else if (object === 'Contact' || object === 'Case')
        s.push(objectPermissionXml(object, true, false, true, true, false, false, access));
      else if (rng.chance(cfg.externalObjectShare))
        s.push(objectPermissionXml(object, rng.chance(0.3), false, rng.chance(0.3), true, false, false, access));
      continue;
    }
    if (p.contactViewAllNoAccount && (object === 'Contact' || object === 'Account')) {
      s.push(
        object === 'Contact'
          ? objectPermissionXml(object, true, false, true, true, false, true, access)
          : objectPermissionXml(object, false, false, false, false, false, false, access),
      );
      continue;
    }
    const read = rng.chance(0.9);
    const edit = read && !p.readOnly && rng.chance(0.6);
    const del = edit && rng.chance(0.25);
    const viewAll = read && (p.adminClone || rng.chance(0.03));
    const modifyAll = viewAll && del && (p.adminClone || rng.chance(0.2));
    s.push(objectPermissionXml(object, edit && rng.chance(0.8), del, edit, read, modifyAll, viewAll, access));
  }
  for (const page of org.pages)
    if (p.kind === 'admin' || rng.chance(internal ? 0.5 : 0.05))
      s.push(`${I1}<pageAccesses>\n${I2}<apexPage>${page}</apexPage>\n${I2}<enabled>true</enabled>\n${I1}</pageAccesses>\n`);
  for (const object of org.objects) {
    if (!internal && object.api !== 'Account') continue;
    object.recordTypes.forEach((rt, i) => {
      const personDefault = object.api === 'Account' ? `${I2}<personAccountDefault>true</personAccountDefault>\n` : '';
      s.push(
        `${I1}<recordTypeVisibilities>\n${I2}<default>${i === 0}</default>\n${i === 0 ? personDefault : ''}${I2}<recordType>${object.api}.${rt}</recordType>\n${I2}<visible>${p.kind === 'admin' || i === 0 || rng.chance(0.7)}</visible>\n${I1}</recordTypeVisibilities>\n`,
      );
    });
  }
  const tabs = [
    ...org.tabs.map((t) => t),
    'standard-Account',
    'standard-Case',
    'standard-Contact',
    'standard-Opportunity',
    'standard-report',
  ].sort();
  for (const tab of tabs) {
    if (!internal && !tab.startsWith('standard-')) continue;
    s.push(
      `${I1}<tabVisibilities>\n${I2}<tab>${tab}</tab>\n${I2}<visibility>${rng.pick(['DefaultOn', 'DefaultOff', 'Hidden'])}</visibility>\n${I1}</tabVisibilities>\n`,
    );
  }
  s.push(el(I1, 'userLicense', p.license));
  // User permissions: hundreds for admins, a baseline for internal users, a handful for external and guest ones.
  const grants = new Map();
  if (p.kind === 'admin') for (const name of USER_PERMISSIONS) grants.set(name, true);
  else if (p.kind === 'internal') {
    for (const name of STANDARD_USER_PERMISSIONS) if (rng.chance(0.45)) grants.set(name, true);
    if (p.adminClone)
      for (const name of ['AuthorApex', 'CustomizeApplication', 'ModifyAllData', 'ViewAllData', 'ManageUsers', 'ViewSetup'])
        grants.set(name, true);
    if (rng.chance(0.3)) grants.set('ViewSetup', true);
    if (rng.chance(0.2)) grants.set('ApiEnabled', false);
  } else if (p.kind === 'chatter') {
    for (const name of ['ChatterOwnGroups', 'ChatterFileLink', 'AllowUniversalSearch']) grants.set(name, true);
  } else if (p.kind === 'guest') {
    for (const name of GUEST_USER_PERMISSIONS) grants.set(name, true);
    if (p.runFlow) grants.set('RunFlow', true);
  } else {
    for (const name of EXTERNAL_USER_PERMISSIONS) if (rng.chance(0.7)) grants.set(name, true);
    grants.set('ApiEnabled', false);
    if (p.viewSetup) grants.set('ViewSetup', true);
  }
  if (p.managesPartners) grants.set('ManagePartners', true);
  if (p.kind === 'admin') grants.set('ManagePartners', true);
  settleDependencies(grants, access);
  for (const name of [...grants.keys()].sort()) s.push(userPermissionXml(name, grants.get(name)));
  s.push(close('Profile'));
  s.end();
}

function writePermissionSet(out, org, ps) {
  const { seed } = org;
  const rng = new Rng(seed, `permset:${ps.name}`);
  const access = new Map();
  const s = out.stream(out.componentPath('permissionsets', ps.name, 'permissionset'), 'PermissionSet');
  s.push(open('PermissionSet'));
  if (ps.kind !== 'small')
    for (const app of rng.sample(org.apps, 2).sort())
      s.push(
        `${I1}<applicationVisibilities>\n${I2}<application>${app}</application>\n${I2}<visible>true</visible>\n${I1}</applicationVisibilities>\n`,
      );
  const classes = ps.kind === 'broad' ? org.classes.filter(() => rng.chance(0.3)) : rng.sample(org.classes, rng.int(0, 6)).sort();
  for (const cls of classes)
    s.push(`${I1}<classAccesses>\n${I2}<apexClass>${cls}</apexClass>\n${I2}<enabled>true</enabled>\n${I1}</classAccesses>\n`);
  if (rng.chance(0.3))
    s.push(
      `${I1}<customPermissions>\n${I2}<enabled>true</enabled>\n${I2}<name>${rng.pick(org.customPermissions)}</name>\n${I1}</customPermissions>\n`,
    );
  s.push(el(I1, 'description', `Grants ${ps.label} access; requested in the access-review tracker`));
  // Fields: a module's objects for most, nearly everything for the broad ones.
  const objects =
    ps.kind === 'manager'
      ? ['Account', 'Contact']
      : ps.kind === 'broad'
        ? org.allObjectNames
        : rng.sample(org.allObjectNames, ps.kind === 'module' ? rng.range(org.cfg.moduleObjects) : rng.int(0, 3)).sort();
  const objectSet = new Set(objects);
  const fieldShare = ps.kind === 'broad' ? rng.real(0.4, 0.8) : ps.kind === 'module' ? 0.9 : 0.5;
  for (const field of org.fieldPool) {
    if (!objectSet.has(field.slice(0, field.indexOf('.'))) || rng.next() >= fieldShare) continue;
    const editable = rng.next() < 0.5;
    s.push(fieldPermissionXml(field, editable, true));
  }
  s.push(el(I1, 'hasActivationRequired', false));
  s.push(el(I1, 'label', ps.label));
  if (rng.chance(0.3)) s.push(el(I1, 'license', 'Salesforce'));
  for (const object of objects) {
    if (ps.kind === 'manager') {
      s.push(objectPermissionXml(object, false, false, true, true, false, false, access));
      continue;
    }
    const edit = rng.chance(0.5);
    s.push(objectPermissionXml(object, edit && rng.chance(0.7), edit && rng.chance(0.2), edit, true, false, rng.chance(0.02), access));
  }
  for (const object of objects.filter((o) => org.tabs.includes(o)))
    if (rng.chance(0.5))
      s.push(`${I1}<tabSettings>\n${I2}<tab>${object}</tab>\n${I2}<visibility>Visible</visibility>\n${I1}</tabSettings>\n`);
  const grants = new Map();
  for (const name of rng.sample(STANDARD_USER_PERMISSIONS, ps.kind === 'small' ? rng.int(0, 3) : rng.int(2, 12))) grants.set(name, true);
  for (const name of ps.grants ?? []) grants.set(name, true);
  if (ps.kind === 'manager') grants.set('ManagePartners', true);
  settleDependencies(grants, access);
  for (const name of [...grants.keys()].sort()) s.push(userPermissionXml(name, grants.get(name)));
  s.push(close('PermissionSet'));
  s.end();
}

function layoutXml(org, layout) {
  const rng = new Rng(org.seed, `layout:${layout.name}`);
  const { object } = layout;
  const parts = [open('Layout')];
  const isContact = object.api === 'Contact';
  const isAccount = object.api === 'Account';
  // Classic buttons hidden from the layout.
  const excluded = new Set(rng.sample(['Submit', 'ChangeRecordType', 'Share', 'PrintableView'], rng.int(0, 2)));
  if (isContact && layout.kind === 'base') {
    excluded.add('EnableCustomerPortal');
    excluded.add('EnablePartnerPortalUser');
    org.plant('Contact layout excludes the Enable Customer/Partner User buttons');
  }
  if (isAccount && layout.kind !== 'partner') excluded.add('EnableAsPartner');
  for (const b of [...excluded].sort()) parts.push(el(I1, 'excludeButtons', b));
  const fields = [...object.standardFields.slice(0, 12), ...object.fields.map((f) => f.api)];
  const sectionCount = Math.max(1, Math.min(org.cfg.layoutSections, Math.ceil(fields.length / 8)));
  const used = rng.shuffle(fields);
  for (let sIndex = 0; sIndex < sectionCount; sIndex++) {
    parts.push(
      `${I1}<layoutSections>\n${I2}<customLabel>${sIndex > 0}</customLabel>\n${I2}<detailHeading>${sIndex > 0}</detailHeading>\n${I2}<editHeading>true</editHeading>\n${I2}<label>${sIndex === 0 ? `${esc(object.label)} Information` : `${['Details', 'Additional Information', 'Address', 'Financials', 'Tracking', 'Custom Links'][sIndex % 6]}`}</label>\n`,
    );
    const sectionFields = used.slice(sIndex * 8, sIndex * 8 + 8);
    for (let col = 0; col < 2; col++) {
      parts.push(`${I2}<layoutColumns>\n`);
      if (sIndex === 0 && col === 0)
        parts.push(`${I3}<layoutItems>\n${I4}<behavior>Required</behavior>\n${I4}<field>Name</field>\n${I3}</layoutItems>\n`);
      for (let k = col; k < sectionFields.length; k += 2) {
        parts.push(
          `${I3}<layoutItems>\n${I4}<behavior>${rng.pick(['Edit', 'Edit', 'Readonly', 'Required'])}</behavior>\n${I4}<field>${sectionFields[k]}</field>\n${I3}</layoutItems>\n`,
        );
      }
      if (sIndex === 0 && col === 1)
        parts.push(`${I3}<layoutItems>\n${I4}<behavior>Edit</behavior>\n${I4}<field>OwnerId</field>\n${I3}</layoutItems>\n`);
      parts.push(`${I2}</layoutColumns>\n`);
    }
    parts.push(`${I2}<style>TwoColumnsTopToBottom</style>\n${I1}</layoutSections>\n`);
  }
  parts.push(
    `${I1}<layoutSections>\n${I2}<customLabel>false</customLabel>\n${I2}<detailHeading>true</detailHeading>\n${I2}<editHeading>false</editHeading>\n${I2}<label>System Information</label>\n${I2}<layoutColumns>\n${I3}<layoutItems>\n${I4}<behavior>Readonly</behavior>\n${I4}<field>CreatedById</field>\n${I3}</layoutItems>\n${I2}</layoutColumns>\n${I2}<layoutColumns>\n${I3}<layoutItems>\n${I4}<behavior>Readonly</behavior>\n${I4}<field>LastModifiedById</field>\n${I3}</layoutItems>\n${I2}</layoutColumns>\n${I2}<style>TwoColumnsTopToBottom</style>\n${I1}</layoutSections>\n`,
  );
  // Lightning actions on most layouts.
  if (rng.chance(0.7) || (isContact && layout.kind !== 'base') || isAccount) {
    const actions = [...rng.sample(STANDARD_BUTTONS.slice(0, 6), rng.int(2, 5)).map((a) => [a, 'StandardButton'])];
    if (isContact && layout.kind === 'partner')
      actions.push(
        ['EnablePartnerPortalUser', 'StandardButton'],
        ['ViewPartnerPortalUser', 'StandardButton'],
        ['LoginToNetworkAsUser', 'StandardButton'],
      );
    if (isContact && layout.kind === 'community')
      actions.push(['EnableCustomerPortal', 'StandardButton'], ['ViewCustomerPortal', 'StandardButton']);
    if (isContact && layout.kind === 'variant') actions.push(...rng.sample(CONTACT_ACTIONS, 2).map((a) => [a, 'StandardButton']));
    if (isAccount && layout.kind === 'partner') actions.push(['EnableAsPartner', 'StandardButton']);
    actions.push(['FeedItem.TextPost', 'QuickAction'], ['FeedItem.ContentPost', 'QuickAction'], ['NewTask', 'QuickAction']);
    parts.push(`${I1}<platformActionList>\n${I2}<actionListContext>Record</actionListContext>\n`);
    actions.forEach(([name, type], i) =>
      parts.push(
        `${I2}<platformActionListItems>\n${I3}<actionName>${name}</actionName>\n${I3}<actionType>${type}</actionType>\n${I3}<sortOrder>${i}</sortOrder>\n${I2}</platformActionListItems>\n`,
      ),
    );
    parts.push(`${I1}</platformActionList>\n`);
  }
  parts.push(`${I1}<quickActionList>\n`);
  for (const qa of ['FeedItem.TextPost', 'FeedItem.ContentPost', 'NewTask', 'NewEvent', 'LogACall', 'SendEmail'].slice(0, rng.int(2, 6)))
    parts.push(`${I2}<quickActionListItems>\n${I3}<quickActionName>${qa}</quickActionName>\n${I2}</quickActionListItems>\n`);
  parts.push(`${I1}</quickActionList>\n`);
  const related = rng.int(2, org.cfg.layoutSections + 1);
  for (let i = 0; i < related; i++) {
    if (i === 0)
      parts.push(
        `${I1}<relatedLists>\n${I2}<fields>TASK.SUBJECT</fields>\n${I2}<fields>TASK.WHO_NAME</fields>\n${I2}<fields>ACTIVITY.TASK</fields>\n${I2}<fields>TASK.DUE_DATE</fields>\n${I2}<fields>TASK.STATUS</fields>\n${I2}<relatedList>RelatedActivityList</relatedList>\n${I1}</relatedLists>\n`,
      );
    else if (i === 1) parts.push(`${I1}<relatedLists>\n${I2}<relatedList>RelatedFileList</relatedList>\n${I1}</relatedLists>\n`);
    else {
      const child = object.relatedChildren[i - 2];
      parts.push(
        `${I1}<relatedLists>\n${I2}<fields>NAME</fields>\n${child.fields
          .slice(0, 3)
          .map((f) => `${I2}<fields>${f.api}</fields>\n`)
          .join(
            '',
          )}${I2}<relatedList>${child.api}.${object.api.replace(/__c$/u, '')}__c</relatedList>\n${I2}<sortField>CreatedDate</sortField>\n${I2}<sortOrder>Desc</sortOrder>\n${I1}</relatedLists>\n`,
      );
    }
  }
  parts.push(
    `${I1}<showEmailCheckbox>false</showEmailCheckbox>\n${I1}<showHighlightsPanel>false</showHighlightsPanel>\n${I1}<showInteractionLogPanel>false</showInteractionLogPanel>\n${I1}<showRunAssignmentRulesCheckbox>false</showRunAssignmentRulesCheckbox>\n${I1}<showSubmitAndAttachButton>false</showSubmitAndAttachButton>\n`,
  );
  parts.push(
    `${I1}<summaryLayout>\n${I2}<masterLabel>00h${rng.int(100000000, 999999999)}</masterLabel>\n${I2}<sizeX>4</sizeX>\n${I2}<sizeY>0</sizeY>\n${I2}<summaryLayoutStyle>Default</summaryLayoutStyle>\n${I1}</summaryLayout>\n`,
  );
  parts.push(close('Layout'));
  let text = parts.join('');
  if (layout.conflict) {
    // An unresolved merge: both sides of a hunk with git's markers.
    const at = text.indexOf(`${I1}<quickActionList>`);
    text = `${text.slice(0, at)}<<<<<<< HEAD\n${I1}<showHighlightsPanel>true</showHighlightsPanel>\n=======\n${I1}<showHighlightsPanel>false</showHighlightsPanel>\n>>>>>>> feature/layout-cleanup\n${text.slice(at)}`;
  }
  return text;
}

function fieldBody(org, object, field, indent) {
  const rng = new Rng(org.seed, `field:${object.api}.${field.api}`);
  const i = indent,
    j = indent + I1,
    k = j + I1,
    l = k + I1;
  const parts = [el(i, 'fullName', field.api)];
  if (rng.chance(0.6))
    parts.push(el(i, 'description', `${field.label} as agreed with the ${rng.pick(DEPARTMENTS)} team; see the data dictionary.`));
  if (field.type !== 'Formula' && field.type !== 'MasterDetail') parts.push(el(i, 'externalId', false));
  if (field.type === 'Formula')
    parts.push(
      el(i, 'formula', `IF(ISBLANK(Name), "", LEFT(Name, 10) & " - ${field.label}")`),
      el(i, 'formulaTreatBlanksAs', 'BlankAsZero'),
    );
  if (rng.chance(0.5)) parts.push(el(i, 'inlineHelpText', `Enter the ${field.label.toLowerCase()}. Used by reports and integrations.`));
  parts.push(el(i, 'label', field.label));
  switch (field.type) {
    case 'Text':
      parts.push(el(i, 'length', rng.pick([40, 80, 255])), el(i, 'required', field.required), el(i, 'unique', false));
      break;
    case 'TextArea':
      parts.push(el(i, 'required', false));
      break;
    case 'LongTextArea':
      parts.push(el(i, 'length', 32768), el(i, 'visibleLines', 5));
      break;
    case 'Number':
    case 'Currency':
    case 'Percent':
      parts.push(el(i, 'precision', 18), el(i, 'required', field.required), el(i, 'scale', 2));
      break;
    case 'Checkbox':
      parts.push(el(i, 'defaultValue', false));
      break;
    case 'Lookup':
      parts.push(
        el(i, 'deleteConstraint', 'SetNull'),
        el(i, 'referenceTo', field.referenceTo ?? rng.pick(['Account', 'Contact', 'User'])),
        el(i, 'relationshipLabel', `${object.label} ${field.label}`),
        el(i, 'relationshipName', `${object.api.replace(/__c$/u, '')}_${field.api.replace(/__c$/u, '')}`),
        el(i, 'required', false),
      );
      break;
    case 'MasterDetail':
      parts.push(
        el(i, 'referenceTo', 'Account'),
        el(i, 'relationshipLabel', object.label),
        el(i, 'relationshipName', `${object.api.replace(/__c$/u, '')}s`),
        el(i, 'relationshipOrder', 0),
        el(i, 'reparentableMasterDetail', false),
        el(i, 'writeRequiresMasterRead', false),
      );
      break;
    case 'Picklist': {
      parts.push(
        el(i, 'required', field.required),
        `${i}<valueSet>\n${j}<restricted>true</restricted>\n${j}<valueSetDefinition>\n${k}<sorted>false</sorted>\n`,
      );
      const values = rng.sample(
        ['New', 'Open', 'In Progress', 'On Hold', 'Escalated', 'Closed', 'Cancelled', 'Approved', 'Rejected', 'Pending'],
        rng.int(3, 7),
      );
      values.forEach((v, n) =>
        parts.push(
          `${k}<value>\n${l}<fullName>${v}</fullName>\n${l}<default>${n === 0}</default>\n${l}<label>${v}</label>\n${k}</value>\n`,
        ),
      );
      parts.push(`${j}</valueSetDefinition>\n${i}</valueSet>\n`);
      break;
    }
    default:
      parts.push(el(i, 'required', false));
      break;
  }
  if (field.type !== 'Formula') parts.push(el(i, 'trackFeedHistory', false), el(i, 'trackHistory', rng.chance(0.2)));
  parts.push(el(i, 'trackTrending', false), el(i, 'type', field.type === 'Formula' ? 'Text' : field.type));
  return parts.join('');
}

function objectHeader(org, object, indent) {
  const rng = new Rng(org.seed, `object:${object.api}`);
  const i = indent;
  if (!object.custom) {
    return [
      el(i, 'enableFeeds', true),
      el(i, 'enableHistory', rng.chance(0.5)),
      el(i, 'externalSharingModel', object.externalSharingModel),
      el(i, 'sharingModel', object.sharingModel),
    ];
  }
  return [
    el(i, 'allowInChatterGroups', false),
    el(i, 'compactLayoutAssignment', 'SYSTEM'),
    el(i, 'deploymentStatus', 'Deployed'),
    el(i, 'description', `${object.label} records (${rng.pick(DEPARTMENTS)} team)`),
    el(i, 'enableActivities', rng.chance(0.6)),
    el(i, 'enableBulkApi', true),
    el(i, 'enableFeeds', rng.chance(0.3)),
    el(i, 'enableHistory', rng.chance(0.5)),
    el(i, 'enableLicensing', false),
    el(i, 'enableReports', true),
    el(i, 'enableSearch', true),
    el(i, 'enableSharing', true),
    el(i, 'enableStreamingApi', true),
    el(i, 'externalSharingModel', object.externalSharingModel),
    el(i, 'label', object.label),
    `${i}<nameField>\n${i}${I1}<displayFormat>${object.api.slice(0, 3).toUpperCase()}-{000000}</displayFormat>\n${i}${I1}<label>${esc(object.label)} Number</label>\n${i}${I1}<type>AutoNumber</type>\n${i}</nameField>\n`,
    el(i, 'pluralLabel', `${object.label}s`),
    `${i}<searchLayouts/>\n`,
    el(i, 'sharingModel', object.sharingModel),
    el(i, 'visibility', 'Public'),
  ];
}

const listViewBody = (object, name, i) =>
  `${el(i, 'fullName', name)}${i}<columns>NAME</columns>\n${object.fields
    .slice(0, 4)
    .map((f) => `${i}<columns>${f.api}</columns>\n`)
    .join(
      '',
    )}${i}<columns>CREATED_DATE</columns>\n${el(i, 'filterScope', name === 'My_Records' ? 'Mine' : 'Everything')}${el(i, 'label', name.replace(/_/g, ' '))}`;
const validationRuleBody = (object, name, i) =>
  `${el(i, 'fullName', name)}${el(i, 'active', true)}${el(i, 'description', `Keeps ${object.label} data consistent`)}${el(i, 'errorConditionFormula', `AND(ISPICKVAL(${object.fields.find((f) => f.type === 'Picklist')?.api ?? 'Status__c'}, "Closed"), ISBLANK(${object.fields[0]?.api ?? 'Name'}))`)}${el(i, 'errorDisplayField', object.fields[0]?.api ?? 'Name')}${el(i, 'errorMessage', 'Fill in the reason before closing & saving.')}`;
const recordTypeBody = (object, name, i) => `${el(i, 'fullName', name)}${el(i, 'active', true)}${el(i, 'label', name.replace(/_/g, ' '))}`;

function writeObject(out, org, object) {
  if (out.format === 'source') {
    const dir = path.join(out.base, 'objects', object.api);
    out.write(
      path.join(dir, `${object.api}.object-meta.xml`),
      `${open('CustomObject')}${objectHeader(org, object, I1).join('')}${close('CustomObject')}`,
      'CustomObject',
    );
    for (const field of object.fields)
      out.write(
        path.join(dir, 'fields', `${field.api}.field-meta.xml`),
        `${open('CustomField')}${fieldBody(org, object, field, I1)}${close('CustomField')}`,
        'CustomField',
      );
    for (const lv of object.listViews)
      out.write(
        path.join(dir, 'listViews', `${lv}.listView-meta.xml`),
        `${open('ListView')}${listViewBody(object, lv, I1)}${close('ListView')}`,
        'ListView',
      );
    for (const vr of object.validationRules)
      out.write(
        path.join(dir, 'validationRules', `${vr}.validationRule-meta.xml`),
        `${open('ValidationRule')}${validationRuleBody(object, vr, I1)}${close('ValidationRule')}`,
        'ValidationRule',
      );
    for (const rt of object.recordTypes)
      out.write(
        path.join(dir, 'recordTypes', `${rt}.recordType-meta.xml`),
        `${open('RecordType')}${recordTypeBody(object, rt, I1)}${close('RecordType')}`,
        'RecordType',
      );
    return;
  }
  // Metadata format: one file with the children inline, in Salesforce's order.
  const header = objectHeader(org, object, I1);
  const parts = [open('CustomObject')];
  const children = [
    ...object.fields.map((f) => ['fields', fieldBody(org, object, f, I2)]),
    ...object.listViews.map((lv) => ['listViews', listViewBody(object, lv, I2)]),
    ...object.recordTypes.map((rt) => ['recordTypes', recordTypeBody(object, rt, I2)]),
    ...object.validationRules.map((vr) => ['validationRules', validationRuleBody(object, vr, I2)]),
  ];
  // Header elements and children interleave alphabetically by element name.
  const items = [
    ...header.map((h) => [/<([A-Za-z]+)/u.exec(h)[1], h]),
    ...children.map(([name, body]) => [name, `${I1}<${name}>\n${body}${I1}</${name}>\n`]),
  ];
  items.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [, text] of items) parts.push(text);
  parts.push(close('CustomObject'));
  out.write(out.componentPath('objects', object.api, 'object'), parts.join(''), 'CustomObject');
}

function writeSettings(out, org) {
  const { size } = org;
  const p = org.plant;
  const write = (name, body, extraNs = '') =>
    out.write(
      out.componentPath('settings', name, 'settings'),
      `${open(`${name}Settings`, extraNs)}${body}${close(`${name}Settings`)}`,
      'Settings',
    );
  const networksEnabled = size !== 'small';
  if (!networksEnabled) p('Digital Experiences off (enableNetworksEnabled false) with external users');
  write(
    'Communities',
    [
      el(I1, 'enableCommunityWorkspaces', true),
      el(I1, 'enableCspContactVisibilityPref', true),
      `${I1}<enableEnablePRM xsi:nil="true"/>\n`,
      el(I1, 'enableGuestRecordReassignOrgPref', true),
      el(I1, 'enableNetworksEnabled', networksEnabled),
      el(I1, 'enableOotbProfExtUserOpsEnable', true),
    ].join(''),
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  );
  const externalSharing = size === 'large';
  if (!externalSharing) p('external sharing model off with external profiles');
  write(
    'Sharing',
    [
      el(I1, 'enableAccountRoleOptimization', false),
      el(I1, 'enableCommunityUserVisibility', false),
      el(I1, 'enableExternalSharingModel', externalSharing),
      el(I1, 'enablePartnerSuperUserAccess', true),
      el(I1, 'enablePortalUserVisibility', false),
      el(I1, 'enableSecureGuestAccess', true),
    ].join(''),
  );
  p('Security settings: admin login as any user, a /8 trusted range, weak password and session settings');
  const ranges = [
    ['Corporate network', '10.0.0.0', '10.255.255.255'],
    ['Partner office VPN', '203.0.113.0', '203.0.113.255'],
  ];
  for (let i = 0; i < (size === 'large' ? 40 : size === 'medium' ? 10 : 0); i++)
    ranges.push([`Branch office ${i + 1}`, `198.18.${i}.0`, `198.18.${i}.255`]);
  write(
    'Security',
    [
      el(I1, 'canUsersGrantLoginAccess', true),
      el(I1, 'enableAdminLoginAsAnyUser', true),
      el(I1, 'enableAuditFieldsInactiveOwner', false),
      el(I1, 'enableRequireHttpsConnection', true),
      `${I1}<networkAccess>\n`,
      ...ranges.map(
        ([d, s, e]) => `${I2}<ipRanges>\n${el(I3, 'description', d)}${el(I3, 'end', e)}${el(I3, 'start', s)}${I2}</ipRanges>\n`,
      ),
      `${I1}</networkAccess>\n`,
      `${I1}<passwordPolicies>\n`,
      el(I2, 'complexity', 'AlphaNumeric'),
      el(I2, 'expiration', 'NinetyDays'),
      el(I2, 'historyRestriction', 3),
      el(I2, 'lockoutInterval', 'FifteenMinutes'),
      el(I2, 'maxLoginAttempts', 'TenAttempts'),
      el(I2, 'minimumPasswordLength', 8),
      el(I2, 'minimumPasswordLifetime', false),
      el(I2, 'obscureSecretAnswer', true),
      el(I2, 'questionRestriction', 'DoesNotContainPassword'),
      `${I1}</passwordPolicies>\n`,
      `${I1}<sessionSettings>\n`,
      ...[
        ['allowUserAuthenticationByCertificate', false],
        ['canConfirmEmailChangeInLightningCommunities', true],
        ['disableTimeoutWarning', false],
        ['enableCSPOnEmail', true],
        ['enableCSRFOnGet', true],
        ['enableCSRFOnPost', true],
        ['enableCacheAndAutocomplete', true],
        ['enableClickjackNonsetupSFDC', true],
        ['enableClickjackNonsetupUser', false],
        ['enableClickjackNonsetupUserHeaderless', false],
        ['enableClickjackSetup', true],
        ['enableContentSniffingProtection', true],
        ['enablePostForSessions', false],
        ['enableSMSIdentity', true],
        ['enforceIpRangesEveryRequest', true],
        ['forceLogoutOnSessionTimeout', true],
        ['forceRelogin', true],
        ['identityConfirmationOnEmailChange', true],
        ['lockSessionsToDomain', true],
        ['lockSessionsToIp', false],
        ['redirectionWarning', true],
        ['referrerPolicy', true],
        ['requireHttpOnly', true],
        ['sessionTimeout', 'TwelveHours'],
        ['terminateUserSessionsWhenAdminResetsPassword', true],
      ].map(([k, v]) => el(I2, k, v)),
      `${I1}</sessionSettings>\n`,
    ].join(''),
  );
  write(
    'UserManagement',
    [
      el(I1, 'enableContactlessExternalIdentityUsers', false),
      el(I1, 'enableEnhancedPermsetMgmt', true),
      el(I1, 'enableEnhancedProfileMgmt', true),
      el(I1, 'enableNewProfileUI', true),
      el(I1, 'enableScrambleUserData', false),
    ].join(''),
  );
  if (size !== 'small') {
    write(
      'Account',
      [
        el(I1, 'enableAccountHistoryTracking', false),
        el(I1, 'enableAccountInsightsInMobile', false),
        el(I1, 'enableAccountOwnerReport', true),
        el(I1, 'enableAccountTeams', true),
        el(I1, 'showViewHierarchyLink', true),
      ].join(''),
    );
    write(
      'Case',
      [
        el(I1, 'closeCaseThroughStatusChange', false),
        el(I1, 'defaultCaseOrigin', 'Web'),
        `${I1}<emailToCase>\n${el(I2, 'enableEmailToCase', true)}${I1}</emailToCase>\n`,
        el(I1, 'enableCaseFeed', true),
        el(I1, 'enableDraftEmails', false),
      ].join(''),
    );
    write('ExperienceBundle', el(I1, 'enableExperienceBundleMetadata', true));
  }
}

function writeSites(out, org) {
  const memberNames = org.profiles.filter((p) => p.member || p.kind === 'admin').map((p) => p.name);
  org.networks.forEach((n, i) => {
    const status = i === 0 ? 'UnderConstruction' : 'Live';
    if (i === 0) org.plant('network under construction that sends welcome emails');
    if (i === 0) org.plant('network with guest Chatter');
    const members = [
      ...new Set([
        ...memberNames.filter(
          (name) => org.profiles.find((p) => p.name === name).network === n.name || !org.profiles.find((p) => p.name === name).network,
        ),
        n.guestProfile,
      ]),
    ]
      .map((x) => x.toLowerCase())
      .sort();
    const selfRegProfile =
      i === 2 && org.size === 'large'
        ? 'standard'
        : org.profiles.find((p) => p.network === n.name && p.kind !== 'guest')?.name.toLowerCase();
    if (i === 2 && org.size === 'large') org.plant('self-registration with an internal profile');
    out.write(
      out.componentPath('networks', n.name, 'network'),
      [
        open('Network'),
        el(I1, 'allowInternalUserLogin', false),
        el(I1, 'allowMembersToFlag', false),
        el(I1, 'changePasswordTemplate', 'unfiled$public/CommunityChangePasswordEmailTemplate'),
        `${I1}<communityRoles/>\n`,
        el(I1, 'description', `${n.label}: self-service portal`),
        el(I1, 'disableReputationRecordConversations', true),
        el(I1, 'emailSenderAddress', `${n.prefix}@example.com`),
        el(I1, 'emailSenderName', n.label),
        el(I1, 'enableApexCDNCaching', true),
        el(I1, 'enableCustomVFErrorPageOverrides', false),
        el(I1, 'enableDirectMessages', true),
        el(I1, 'enableGuestChatter', i === 0),
        el(I1, 'enableGuestFileAccess', false),
        el(I1, 'enableGuestMemberVisibility', false),
        el(I1, 'enableInvitation', false),
        el(I1, 'enableKnowledgeable', false),
        el(I1, 'enableMemberVisibility', false),
        el(I1, 'enableNicknameDisplay', true),
        el(I1, 'enablePrivateMessages', false),
        el(I1, 'enableReputation', false),
        el(I1, 'enableShowAllNetworkSettings', false),
        el(I1, 'enableSiteAsContainer', true),
        el(I1, 'enableTalkingAboutStats', true),
        el(I1, 'enableTopicAssignmentRules', true),
        el(I1, 'enableTopicSuggestions', false),
        el(I1, 'enableUpDownVote', false),
        el(I1, 'forgotPasswordTemplate', 'unfiled$public/CommunityForgotPasswordEmailTemplate'),
        el(I1, 'gatherCustomerSentimentData', false),
        `${I1}<networkMemberGroups>\n`,
        ...(i === 0 ? [el(I2, 'permissionSet', 'Partner_Manager')] : []),
        ...members.map((m) => el(I2, 'profile', m)),
        `${I1}</networkMemberGroups>\n`,
        `${I1}<networkPageOverrides>\n${el(I2, 'changePasswordPageOverrideSetting', 'Standard')}${el(I2, 'forgotPasswordPageOverrideSetting', 'Designer')}${el(I2, 'homePageOverrideSetting', 'Designer')}${el(I2, 'loginPageOverrideSetting', 'Designer')}${el(I2, 'selfRegProfilePageOverrideSetting', 'Designer')}${I1}</networkPageOverrides>\n`,
        el(I1, 'picassoSite', `${n.name}1`),
        ...(selfRegProfile ? [el(I1, 'selfRegProfile', selfRegProfile)] : []),
        el(I1, 'selfRegistration', i === 1 || i === 2),
        el(I1, 'sendWelcomeEmail', true),
        el(I1, 'site', n.name),
        el(I1, 'siteArchiveStatus', 'NotArchived'),
        el(I1, 'status', status),
        `${I1}<tabs>\n${el(I2, 'defaultTab', 'home')}${el(I2, 'standardTab', 'Chatter')}${I1}</tabs>\n`,
        el(I1, 'urlPathPrefix', n.prefix),
        el(I1, 'welcomeTemplate', 'unfiled$public/CommunityWelcomeEmailTemplate'),
        close('Network'),
      ].join(''),
      'Network',
    );
    if (i === 0) org.plant('site allowing all framing (clickjack protection off)');
    out.write(
      out.componentPath('sites', n.name, 'site'),
      [
        open('CustomSite'),
        el(I1, 'active', true),
        el(I1, 'allowGuestPaymentsApi', false),
        el(I1, 'allowHomePage', false),
        el(I1, 'allowStandardAnswersPages', false),
        el(I1, 'allowStandardIdeasPages', false),
        el(I1, 'allowStandardLookups', false),
        el(I1, 'allowStandardPortalPages', true),
        el(I1, 'allowStandardSearch', false),
        el(I1, 'authorizationRequiredPage', 'CommunitiesLogin'),
        el(I1, 'bandwidthExceededPage', 'BandwidthExceeded'),
        el(I1, 'browserXssProtection', true),
        el(I1, 'cachePublicVisualforcePagesInProxyServers', true),
        el(I1, 'clickjackProtectionLevel', i === 0 ? 'AllowAllFraming' : 'SameOriginOnly'),
        el(I1, 'contentSniffingProtection', true),
        el(I1, 'enableAuraRequests', true),
        el(I1, 'fileNotFoundPage', 'FileNotFound'),
        el(I1, 'genericErrorPage', 'Exception'),
        el(I1, 'inMaintenancePage', 'InMaintenance'),
        el(I1, 'indexPage', 'CommunitiesLanding'),
        el(I1, 'masterLabel', n.label),
        el(I1, 'redirectToCustomDomain', false),
        el(I1, 'referrerPolicyOriginWhenCrossOrigin', true),
        el(I1, 'selfRegPage', 'CommunitiesSelfReg'),
        el(I1, 'siteAdmin', `portal.admin@example.com.${n.prefix}`),
        el(I1, 'siteGuestRecordDefaultOwner', `portal.admin@example.com.${n.prefix}`),
        el(I1, 'siteType', 'ChatterNetwork'),
        el(I1, 'urlPathPrefix', n.prefix),
        close('CustomSite'),
      ].join(''),
      'CustomSite',
    );
  });
}

function writeFlexipages(out, org) {
  const objects = org.objects.slice(0, Math.min(org.objects.length, org.cfg.flexipages));
  for (const object of objects) {
    const rng = new Rng(org.seed, `flexipage:${object.api}`);
    const name = `${object.api.replace(/__c$/u, '')}_Record_Page`;
    const dynamic = object.api === 'Contact' || rng.chance(0.1);
    const actions =
      object.api === 'Contact' ? ['Edit', 'Delete', 'EnablePartnerPortalUser', 'LoginToNetworkAsUser'] : ['Edit', 'Clone', 'Delete'];
    const header = dynamic
      ? `${I1}<flexiPageRegions>\n${I2}<itemInstances>\n${I3}<componentInstance>\n${I4}<componentInstanceProperties>\n${I5}<name>actionNames</name>\n${I5}<valueList>\n${actions.map((a) => `${I6}<valueListItems>\n${I6}${I1}<value>${a}</value>\n${I6}</valueListItems>\n`).join('')}${I5}</valueList>\n${I4}</componentInstanceProperties>\n${I4}<componentInstanceProperties>\n${I5}<name>collapsed</name>\n${I5}<value>false</value>\n${I4}</componentInstanceProperties>\n${I4}<componentName>force:highlightsPanel</componentName>\n${I4}<identifier>force_highlightsPanel</identifier>\n${I3}</componentInstance>\n${I2}</itemInstances>\n${I2}<mode>Replace</mode>\n${I2}<name>header</name>\n${I2}<type>Region</type>\n${I1}</flexiPageRegions>\n`
      : '';
    const main = `${I1}<flexiPageRegions>\n${['force:detailPanel', 'force:relatedListContainer', 'runtime_sales_activities:activityPanel'].map((c) => `${I2}<itemInstances>\n${I3}<componentInstance>\n${I4}<componentName>${c}</componentName>\n${I4}<identifier>${c.replace(/[:]/g, '_')}</identifier>\n${I3}</componentInstance>\n${I2}</itemInstances>\n`).join('')}${I2}<mode>Replace</mode>\n${I2}<name>main</name>\n${I2}<type>Region</type>\n${I1}</flexiPageRegions>\n`;
    out.write(
      out.componentPath('flexipages', name, 'flexipage'),
      `${open('FlexiPage')}${header}${main}${el(I1, 'masterLabel', `${object.label} Record Page`)}${el(I1, 'parentFlexiPage', 'flexipage__default_rec_L')}${el(I1, 'sobjectType', object.api)}${I1}<template>\n${el(I2, 'name', 'flexipage:recordHomeTemplateDesktop')}${I1}</template>\n${el(I1, 'type', 'RecordPage')}${close('FlexiPage')}`,
      'FlexiPage',
    );
  }
}

function writeRest(out, org) {
  // Apex classes: code plus its -meta.xml (in both formats the metadata is `X.cls-meta.xml`).
  for (const cls of org.classes) {
    const dir = path.join(out.base, 'classes');
    const code = `/**\n * ${cls}: generated for the sfmeta-lint benchmark.\n */\npublic with sharing class ${cls} {\n    public static List<SObject> records(Set<Id> ids) {\n        return new List<SObject>();\n    }\n\n    public static Integer count(List<SObject> rows) {\n        return rows == null ? 0 : rows.size();\n    }\n}\n`;
    out.write(path.join(dir, `${cls}.cls`), code, 'ApexClass', false);
    out.write(
      path.join(dir, `${cls}.cls-meta.xml`),
      `${open('ApexClass')}${el(I1, 'apiVersion', API_VERSION)}${el(I1, 'status', 'Active')}${close('ApexClass')}`,
      'ApexClass',
    );
  }
  for (const tab of org.tabs)
    out.write(
      out.componentPath('tabs', tab, 'tab'),
      `${open('CustomTab')}${el(I1, 'customObject', true)}${el(I1, 'motif', 'Custom20: Airplane')}${close('CustomTab')}`,
      'CustomTab',
    );
  for (const site of org.remoteSites) {
    out.write(
      out.componentPath('remoteSiteSettings', site.name, 'remoteSite'),
      `${open('RemoteSiteSetting')}${el(I1, 'description', `${site.name.replace(/_/g, ' ')} endpoint`)}${el(I1, 'disableProtocolSecurity', site.insecure)}${el(I1, 'isActive', true)}${el(I1, 'url', `${site.insecure ? 'http' : 'https'}://${site.name.toLowerCase().replace(/_/g, '-')}.example.com`)}${close('RemoteSiteSetting')}`,
      'RemoteSiteSetting',
    );
  }
  for (const group of org.permissionSetGroups) {
    out.write(
      out.componentPath('permissionsetgroups', group.name, 'permissionsetgroup'),
      `${open('PermissionSetGroup')}${el(I1, 'description', `${group.name.replace(/_/g, ' ')} for new starters`)}${el(I1, 'hasActivationRequired', false)}${el(I1, 'label', group.name.replace(/_/g, ' '))}${group.members.map((m) => el(I1, 'permissionSets', m)).join('')}${el(I1, 'status', 'Updated')}${close('PermissionSetGroup')}`,
      'PermissionSetGroup',
    );
  }
  // Per-profile password and session policies for the external profiles (weak on the first: planted).
  org.profiles
    .filter((p) => p.kind === 'partner' || p.kind === 'customer')
    .slice(0, 3)
    .forEach((p, i) => {
      const base = `${p.name.replace(/[^A-Za-z0-9]/g, '')}Profile`;
      if (i === 0) org.plant('profile password policy with no lockout and session timeout 24h');
      out.write(
        out.componentPath('profilePasswordPolicies', `${base}PasswordPolicy${1700000000000 + i}`, 'profilePasswordPolicy'),
        `${open('ProfilePasswordPolicy')}${el(I1, 'forgotPasswordRedirect', false)}${el(I1, 'lockoutInterval', i === 0 ? 0 : 15)}${el(I1, 'maxLoginAttempts', i === 0 ? 0 : 5)}${el(I1, 'minimumPasswordLength', 8)}${el(I1, 'minimumPasswordLifetime', false)}${el(I1, 'obscure', true)}${el(I1, 'passwordComplexity', 1)}${el(I1, 'passwordExpiration', 90)}${el(I1, 'passwordHistory', 3)}${el(I1, 'passwordQuestion', 1)}${el(I1, 'profile', p.name)}${close('ProfilePasswordPolicy')}`,
        'ProfilePasswordPolicy',
      );
      out.write(
        out.componentPath('profileSessionSettings', `${base}SessionSetting${1700000000000 + i}`, 'profileSessionSetting'),
        `${open('ProfileSessionSetting')}${el(I1, 'externalCommunityUserIdentityVerif', false)}${el(I1, 'forceLogout', false)}${el(I1, 'profile', p.name)}${el(I1, 'requiredSessionLevel', 'STANDARD')}${el(I1, 'sessionPersistence', false)}${el(I1, 'sessionTimeout', i === 0 ? 1440 : 120)}${el(I1, 'sessionTimeoutWarning', true)}${close('ProfileSessionSetting')}`,
        'ProfileSessionSetting',
      );
    });
}

function writeProjectFiles(out, org) {
  if (out.format === 'source') {
    out.write(
      path.join(out.root, 'sfdx-project.json'),
      `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], name: `bench-${org.size}`, namespace: '', sfdcLoginUrl: 'https://login.salesforce.com', sourceApiVersion: API_VERSION }, null, 2)}\n`,
      'project',
      false,
    );
    out.write(
      path.join(out.root, '.forceignore'),
      '# List files or directories below to ignore them when running force:source:push, force:source:pull, and force:source:status\n**/jsconfig.json\n**/.eslintrc.json\n**/__tests__/**\n',
      'project',
      false,
    );
    return;
  }
  const types = [
    ['ApexClass', org.classes],
    ['CustomObject', org.objects.map((o) => o.api)],
    ['CustomTab', org.tabs],
    ['Layout', org.layouts.map((l) => l.fileName)],
    ['Network', org.networks.map((n) => n.name)],
    ['PermissionSet', org.permissionSets.map((p) => p.name)],
    ['Profile', org.profiles.map((p) => p.name)],
    ['Settings', ['Communities', 'Security', 'Sharing', 'UserManagement']],
  ];
  out.write(
    path.join(out.base, 'package.xml'),
    `${open('Package')}${types
      .map(
        ([name, members]) =>
          `${I1}<types>\n${members
            .slice(0, 5000)
            .map((m) => el(I2, 'members', m))
            .join('')}${el(I2, 'name', name)}${I1}</types>\n`,
      )
      .join('')}${el(I1, 'version', API_VERSION)}${close('Package')}`,
    'Package',
  );
}

/** Generates one project; returns what was written. */
export function generate({ size = 'small', format = 'source', out, seed = DEFAULT_SEED, scale = 1, quiet = false } = {}) {
  if (!SIZES[size]) throw new Error(`Unknown size ${size} (small, medium, large, iata)`);
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale must be a whole number >= 1 (got ${scale})`);
  if (format !== 'source' && format !== 'metadata') throw new Error(`Unknown format ${format} (source, metadata)`);
  const dir = path.resolve(out ?? path.join(os.tmpdir(), 'sfmeta-lint-bench', `${size}-${format}${scale > 1 ? `-x${scale}` : ''}`));
  const relToRepo = path.relative(REPO_ROOT, dir);
  if (relToRepo === '' || (!relToRepo.startsWith('..') && !path.isAbsolute(relToRepo)))
    throw new Error(`Refusing to generate inside the repository (${dir}); use a folder outside it.`);
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER))
      throw new Error(`${dir} exists and is not a benchmark project (no ${MARKER}); refusing to replace it.`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  // Written first so an interrupted run leaves a folder that is recognisably ours (and is not reused).
  writeFileSync(
    path.join(dir, MARKER),
    `${JSON.stringify({ generatorVersion: GENERATOR_VERSION, size, format, seed, scale, incomplete: true })}\n`,
  );
  const started = process.hrtime.bigint();
  const org = buildOrg(size, seed);
  const output = new Output(dir, format);
  writeProjectFiles(output, org);
  // Plants decided in buildOrg are counted once; those the writers plant are counted per copy.
  const orgPlanted = { ...org.planted };
  for (const [what, n] of Object.entries(orgPlanted)) org.plant(what, n * (scale - 1));
  for (let copy = 1; copy <= scale; copy++) {
    // Every writer draws from per-component streams, so each copy's text is that of copy 1.
    output.tag = copy === 1 ? '' : `_Copy${copy}`;
    for (const p of org.profiles) writeProfile(output, org, p);
    for (const ps of org.permissionSets) writePermissionSet(output, org, ps);
    for (const layout of org.layouts)
      output.write(output.componentPath('layouts', layout.fileName, 'layout'), layoutXml(org, layout), 'Layout');
    for (const object of org.objects) writeObject(output, org, object);
    writeSettings(output, org);
    writeSites(output, org);
    writeFlexipages(output, org);
    writeRest(output, org);
  }
  output.tag = '';
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const profileBytes = readdirSync(path.join(output.base, 'profiles')).map((f) => statSync(path.join(output.base, 'profiles', f)).size);
  const stats = {
    generatorVersion: GENERATOR_VERSION,
    size,
    format,
    seed,
    scale,
    root: dir,
    packageRoot: path.relative(dir, output.base).split(path.sep).join('/'),
    files: output.files,
    bytes: output.bytes,
    xmlFiles: output.xmlFiles,
    xmlBytes: output.xmlBytes,
    seconds: Number(seconds.toFixed(2)),
    byType: output.byType,
    profiles: {
      count: profileBytes.length,
      minBytes: Math.min(...profileBytes),
      maxBytes: Math.max(...profileBytes),
      fieldPool: org.fieldPool.length,
    },
    objects: org.objects.length * scale,
    customFields: org.totalCustomFields * scale,
    layouts: org.layouts.length * scale,
    planted: org.planted,
  };
  writeFileSync(path.join(dir, MARKER), `${JSON.stringify(stats, null, 2)}\n`);
  if (!quiet)
    process.stderr.write(
      `generated ${size}/${format}${scale > 1 ? ` x${scale}` : ''}: ${stats.files} files, ${(stats.bytes / 1e6).toFixed(1)} MB (${stats.xmlFiles} XML, ${(stats.xmlBytes / 1e6).toFixed(1)} MB) in ${stats.seconds} s -> ${dir}\n`,
    );
  return stats;
}

function parseArgs(argv) {
  const args = { size: 'small', format: 'source', seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--size') args.size = value();
    else if (a === '--format') args.format = value();
    else if (a === '--out') args.out = value();
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--scale') args.scale = Number(value());
    else if (a === '--json') args.json = true;
    else if (a === '-h' || a === '--help') args.help = true;
    else throw new Error(`Unknown argument ${a}`);
  }
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      process.stdout.write(
        'Usage: node bench/generate.mjs --size small|medium|large --format source|metadata [--out DIR] [--seed N] [--scale N] [--json]\n',
      );
    } else {
      const stats = generate(args);
      if (args.json) process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      else process.stdout.write(`${stats.root}\n`);
    }
  } catch (error) {
    process.stderr.write(`generate: ${error.message}\n`);
    process.exit(2);
  }
}
