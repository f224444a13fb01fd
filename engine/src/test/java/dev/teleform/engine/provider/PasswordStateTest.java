package dev.teleform.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Only a user Teleport reports as having neither a password nor an MFA device may be sent a link unasked. */
class PasswordStateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "new user, by name     | {\"password_state\":\"PASSWORD_STATE_UNSET\",\"mfa_weakest_device\":\"MFA_DEVICE_KIND_UNSET\"} | false",
        "new user, by number   | {\"password_state\":1,\"mfa_weakest_device\":1}                                              | false",
        "password set          | {\"password_state\":2,\"mfa_weakest_device\":1}                                              | true",
        "passkey, no password  | {\"password_state\":1,\"mfa_weakest_device\":3}                                              | true",
        "TOTP by name          | {\"password_state\":\"PASSWORD_STATE_UNSET\",\"mfa_weakest_device\":\"MFA_DEVICE_KIND_TOTP\"} | true",
        "device not reported   | {\"password_state\":1}                                                                     | true",
        "state unspecified (0) | {\"password_state\":0,\"mfa_weakest_device\":1}                                              | true",
        "no status at all      |                                                                                          | true",
    })
    void aResetIsSafeOnlyForAUserReportedToHaveNoCredentials(String name, String status, boolean mayHave) {
        JsonNode user = JsonMapper.builder().build().readTree("{\"kind\":\"user\""
                + (status == null ? "" : ",\"status\":" + status) + "}");
        assertEquals(mayHave, PasswordState.mayHaveCredentials(user), name);
    }
}
