<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>true</custom>
    <userLicense>Partner Community</userLicense>
    <userPermissions><!-- sfmeta-lint-disable-next-line external-profile-admin-permissions -- partners administer their own users -->
        <enabled>true</enabled>
        <name>ManageUsers</name>
    </userPermissions>
    <!-- expect: unused-suppression unused -->
    <userPermissions>
        <enabled>true</enabled>
        <name>ViewEventLogFiles</name>
    </userPermissions>
</Profile>
