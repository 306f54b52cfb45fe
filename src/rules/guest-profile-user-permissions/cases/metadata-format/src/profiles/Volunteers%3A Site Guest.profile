<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>false</custom>
    <userLicense>Guest User License</userLicense>
    <userPermissions>
        <enabled>true</enabled> <!-- expect: guest-profile-user-permissions runFlow warning -->
        <name>RunFlow</name>
    </userPermissions>
    <userPermissions>
        <enabled>true</enabled> <!-- expect: guest-profile-user-permissions privileged error -->
        <name>ManageSharing</name>
    </userPermissions>
</Profile>
