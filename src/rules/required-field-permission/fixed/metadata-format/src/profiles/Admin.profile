<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>false</custom>
    <!-- expect: required-field-permission masterDetail -->
    <fieldPermissions>
        <editable>true</editable>
        <field>Invoice__c.Memo__c</field>
        <readable>true</readable>
    </fieldPermissions>
    <userLicense>Salesforce</userLicense>
</Profile>
