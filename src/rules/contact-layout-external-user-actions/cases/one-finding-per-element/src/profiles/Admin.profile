<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>false</custom>
    <layoutAssignments>
        <layout>Contact-Partner Contact Layout</layout>
    </layoutAssignments>
    <userPermissions> <!-- expect-related: contact-layout-external-user-actions #2 --> <!-- expect-related: contact-layout-external-user-actions #3 --> <!-- expect-related: contact-layout-external-user-actions #4 -->
        <enabled>true</enabled>
        <name>ManagePartners</name>
    </userPermissions>
    <userLicense>Salesforce</userLicense>
</Profile>
