<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>false</custom>
    <userLicense>Salesforce</userLicense>
    <userPermissions><!-- expect: unknown-user-permission unknown -->
        <enabled>true</enabled>
        <name>ManageHpi</name>
    </userPermissions>
    <userPermissions>
        <enabled>true</enabled>
        <name>ManageUsers</name>
    </userPermissions>
    <userPermissions><!-- expect: unknown-user-permission unknownClosest -->
        <enabled>true</enabled>
        <name>Manage Users</name>
    </userPermissions>
</Profile>
