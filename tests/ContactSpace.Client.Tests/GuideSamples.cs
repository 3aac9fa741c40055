namespace ContactSpace.Client.Tests;

/// <summary>The answers printed in the contactSPACE API guide 2.1 (and the real answers quoted in FACTS.md), verbatim.</summary>
internal static class GuideSamples
{
    public const string CreateDataSet = """
        <xml>
        <record>
          <datasets>
            <dataset>
              <id>1963</id>
            </dataset>
          </datasets>
        </record>
        </xml>
        """;

    public const string InsertRecord = """
        <xml>
        <record>
          <outcome>
            <id>5151</id>
            <message>Success</message>
          </outcome>
        </record>
        </xml>
        """;

    public const string InsertRecordAsSeenLive = """<?xml version="1.0"?><xml><outcome><id>6</id><message>Success</message></outcome></xml>""";

    public const string UnknownColumn = """<xml><outcome><message>Unknown column 'Record_ID' in 'field list'</message></outcome></xml>""";

    public const string SqlSyntaxError = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ') VALUES (0,1,)' at line 1";

    public const string Success = """
        <xml>
        <outcome>
          <message>Success</message>
        </outcome>
        </xml>
        """;

    public const string Users = """
        <xml>
        <users>
          <user>
            <Id>1</Id>
            <Email>test1@test.com</Email>
            <FirstName>Test</FirstName>
            <Surname>User 1</Surname>
          </user>
          <user>
            <Id>2</Id>
            <Email>test2@test.com</Email>
            <FirstName>Test</FirstName>
            <Surname>User 2</Surname>
          </user>
        </users>
        </xml>
        """;

    public const string AgentStatus = """
        <xml>  
          <status>Logged Out</status>  
        </xml>
        """;

    public const string InsertNextRecord = """
        <outcome>

        <id>99</id>

        <message>Success</message>

        </outcome>
        """;

    public const string Recording = """
        <xml>
        <url>
          http://voicerecordings.contactspace.net/2015/Oct/06/01a131e5-a444-6fdggertg.wav
        </url>
        </xml>
        """;

    public const string SearchRecord = """

        <xml>
        <records>
          <record>
            <Id>1</Id>
            <cs_201_original_id>1</cs_201_original_id>
            <OutcomeId>475</OutcomeId>
            <OutcomeUpdateDateTime>2015-06-01
            10:37:00</OutcomeUpdateDateTime>
            <Assigned>1</Assigned>
            <Attempts>3</Attempts>
            <Record_ID>1</Record_ID>
            <Home_Phone>61779097458</Home_Phone>
            <Work_Phone>61414616126</Work_Phone>
            <Mobile_Phone>61434503112</Mobile_Phone>
            <First_Name>John</First_Name>
            <Surname>Doe</Surname>
            <Email_Address>fake.email@test.com</Email_Address>
            <Address1>1 Fake St</Address1>
            <Suburb>Sydney</Suburb>
            <Postcode>2000</Postcode>
            <State>NSW</State>
            <Outcome>Answer Machine</Outcome>
            <IsContact>0</IsContact>
            <IsComplete>0</IsComplete>
            <IsDMContact>0</IsDMContact>
            <IsEmail>0</IsEmail>
            <IsAgentCallback>0</IsAgentCallback>
            <IsInitiativeCallback>1</IsInitiativeCallback>
          </record>
          <record>
            <Id>92</Id>
            <cs_201_original_id>92</cs_201_original_id>
            <Attempts>0</Attempts>
            <Record_ID>4</Record_ID>
            <Home_Phone>61779097458</Home_Phone>
            <Work_Phone>412616126</Work_Phone>
            <Mobile_Phone>437503112</Mobile_Phone>
            <First_Name>Ara2</First_Name>
            <Surname>Doe</Surname>
            <Email_Address>fake.email@test.com</Email_Address>
            <Address1>3 Fake St</Address1>
          </record>
        </records>
        </xml>

        """;

    public const string Outcomes = """
        <xml>
          <outcomes>
            <outcome>
              <Id>472</Id>
              <Name>Completed</Name>
            </outcome>
            <outcome>
              <Id>473</Id>
              <Name>Callback</Name>
            </outcome>
          </outcomes>
        </xml>
        """;

    public const string Clis = """
        <xml>
        <cli>
          <id>1</id>
          <callerid>61288803120</callerid>
        </cli>
        <cli>
          <id>2</id>
          <callerid>61288803121</callerid>
        </cli>
        <cli>
          <id>3</id>
          <callerid>61288803122</callerid>
        </cli>
        <cli>
          <id>4</id>
          <callerid>61288803123</callerid>
        </cli>
        <cli>
          <id>5</id>
          <callerid>61288803124</callerid>
        </cli>
        </xml>
        """;

    public const string AgentStatusHistory = """
        <xml>
          <activities>
            <activity>
              <callid>1234</callid>
              <starttime>2017-02-28 10:30:01</starttime>
              <endtime>2017-02-28 10:32:04</endtime>
              <detail>Paused - Training</detail>
            </activity>
            <activity>
              <callid>1234</callid>
              <starttime>2017-02-28 10:45:14</starttime>
              <endtime>2017-02-28 10:46:00</endtime>
              <detail>Paused - No Reason</detail>
            </activity>
          </activities>
        </xml>
        """;

    public const string AgentFirstLastActivity = """
        <xml>
        <activities>
          <activity>
            <starttime>2017-02-28 10:30:01</starttime>
            <endtime>2017-02-28 10:32:04</endtime>
          </activity>
        </activities>
        </xml>
        """;

    public const string LastCall = """
        <xml>
          <lastcalldetails>
            <outcome>
              <CallId>6411</CallId>
              <UserId>19</UserId>
              <OutcomeId>4201</OutcomeId>
              <CompletedDateTime>2016-10-02 09:44:54</CompletedDateTime>
            </outcome>
            <outcome>
              <CallId>6428</CallId>
              <UserId>38</UserId>
              <OutcomeId>4209</OutcomeId>
              <CompletedDateTime>2016-11-02 08:34:14</CompletedDateTime>
            </outcome>
          </lastcalldetails>
        </xml>
        """;
}
