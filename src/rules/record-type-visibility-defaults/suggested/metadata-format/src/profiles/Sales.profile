<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>true</custom>
    <recordTypeVisibilities>
        <default>true</default>
        <recordType>Lead.Partner_Lead</recordType> <!-- expect: record-type-visibility-defaults noDefault warning -->
        <visible>true</visible>
    </recordTypeVisibilities>
    <recordTypeVisibilities>
        <default>true</default> <!-- expect-related: record-type-visibility-defaults #2 -->
        <recordType>Opportunity.New_Business</recordType>
        <visible>true</visible>
    </recordTypeVisibilities>
    <recordTypeVisibilities>
        <default>false</default> <!-- expect: record-type-visibility-defaults multipleDefaults -->
        <recordType>Opportunity.Renewal</recordType>
        <visible>true</visible> <!-- expect: record-type-visibility-defaults defaultNotVisible -->
    </recordTypeVisibilities>
    <userLicense>Salesforce</userLicense>
</Profile>
