<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>true</custom>
    <objectPermissions>
        <allowCreate>false</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>false</allowEdit>
        <allowRead>true</allowRead> <!-- expect-related: external-sharing-default-public #2 -->
        <modifyAllRecords>false</modifyAllRecords>
        <object>%%%NAMESPACE%%%Volunteer_Job__c</object>
        <viewAllRecords>false</viewAllRecords>
    </objectPermissions>
    <userLicense>Customer Community Plus Login</userLicense>
</Profile>
