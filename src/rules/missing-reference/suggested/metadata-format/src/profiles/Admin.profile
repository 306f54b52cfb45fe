<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>false</custom>
    <fieldPermissions>
        <editable>true</editable>
        <field>Case_Study__c.Rating__c</field>
        <readable>true</readable>
    </fieldPermissions>
    <layoutAssignments>
        <layout>Case_Study__c-Case Study Layout</layout>
        <recordType>Case_Study__c.Standard</recordType>
    </layoutAssignments>
    <!-- expect: missing-reference missingInObject -->
    <userLicense>Salesforce</userLicense>
</Profile>
