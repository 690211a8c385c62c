package io.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.endpoints.ServedEndpoints;

/**
 * The voice gateway's authorization matrix has no HTTP rows: it serves no REST, WebSocket or route endpoint (only
 * Quarkus' health and metrics). Who may do what reaches it over SIP, where trunks are checked by source or digest,
 * phones by digest and calls to the public network by the tenant's dial plan (VoiceGatewayServiceTest,
 * DialPlanTest, TollFraudFlowTest; docs/security.md), and over Kafka, by the topics' ACLs. An endpoint added here
 * fails this test until it gets a matrix of its own, as the other services have.
 */
class AuthorizationMatrixTest {

    @Test
    void theGatewayServesNoEndpointThatWouldNeedARow() {
        assertThat(ServedEndpoints.ofThisModule()).as("HTTP endpoints of the gateway's compiled classes").isEmpty();
    }
}
