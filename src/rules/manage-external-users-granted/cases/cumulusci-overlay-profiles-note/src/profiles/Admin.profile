<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>false</custom>
    <fieldPermissions>
        <editable>true</editable>
        <field>Account.%%%NAMESPACE%%%Active__c</field>
        <readable>true</readable>
    </fieldPermissions>
    <layoutAssignments>
        <layout>Contact-%%%NAMESPACE%%%Contact - Community Layout</layout>
    </layoutAssignments>
    <userLicense>Salesforce</userLicense>
</Profile>
