package io.switchboard.voice.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sdp.SdpException;

import org.junit.jupiter.api.Test;

/** Offer/answer for G.711 with telephone events, as carriers and phones send it. */
class SdpTest {

    @Test
    void anOfferGivesTheAudioAddressTheCodecAndTheEventType() throws Exception {
        Sdp.Offer offer = Sdp.read("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 8 0 96\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:96 telephone-event/8000\r\na=sendonly\r\n");
        assertThat(offer.audio().getHostString()).isEqualTo("10.0.0.2");
        assertThat(offer.audio().getPort()).isEqualTo(4000);
        assertThat(offer.codec()).as("PCMU is preferred when both are offered").isEqualTo(0);
        assertThat(offer.telephoneEvent()).isEqualTo(96);
        assertThat(offer.onHold()).isTrue();
    }

    @Test
    void withoutG711ThereIsNoCodecAndWithoutAudioNoOffer() throws Exception {
        assertThat(Sdp.read("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18\r\n").codec())
                .isEqualTo(-1);
        assertThatThrownBy(() -> Sdp.read("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=video 4000 RTP/AVP 96\r\n"))
                .isInstanceOf(SdpException.class);
    }

    @Test
    void ourAnswerReadsBack() throws Exception {
        Sdp.Offer ours = Sdp.read(Sdp.write("127.0.0.1", 20000, 8, 101, 7));
        assertThat(ours.audio().getPort()).isEqualTo(20000);
        assertThat(ours.codec()).isEqualTo(8);
        assertThat(ours.telephoneEvent()).isEqualTo(101);
        assertThat(ours.onHold()).isFalse();
    }
}
