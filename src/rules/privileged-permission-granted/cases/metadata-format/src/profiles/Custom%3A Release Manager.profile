<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>true</custom>
    <userLicense>Salesforce</userLicense>
    <userPermissions>
        <enabled>true</enabled> <!-- expect: privileged-permission-granted privileged error -->
        <name>ManageProfilesPermissionsets</name>
    </userPermissions>
</Profile>
