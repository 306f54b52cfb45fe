<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>false</custom>
    <objectPermissions>
        <allowCreate>true</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>false</allowEdit> <!-- expect: guest-profile-object-access writeAccess error -->
        <allowRead>true</allowRead>
        <modifyAllRecords>false</modifyAllRecords>
        <object>Volunteer_Hours__c</object>
        <viewAllRecords>false</viewAllRecords>
    </objectPermissions>
    <userLicense>Guest User License</userLicense>
</Profile>
