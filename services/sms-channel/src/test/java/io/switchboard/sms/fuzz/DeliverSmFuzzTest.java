package io.switchboard.sms.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jsmpp.PDUStringException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.InvalidDeliveryReceiptException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.switchboard.sms.domain.GsmAlphabet;

/**
 * An SMSC's deliver_sm as the SMPP links read it: jSMPP decodes the PDU, the link asks whether it is a
 * delivery receipt (and reads it) or a text (data coding, then the GSM 03.38 table for the default
 * alphabet). Whatever the fields, the answer is a text, a receipt, or a refusal the link turns into an
 * error response ({@link PDUStringException}, {@link InvalidDeliveryReceiptException}).
 *
 * <p>An input is {@code esm_class, data_coding, source NUL, destination NUL, short_message}, framed
 * by jSMPP's composer as a conformant SMSC frames it. Fuzzing the raw PDU body instead finds that
 * jSMPP 3.0.2's decoder throws ArrayIndexOutOfBoundsException on a C-string without its NUL (an empty
 * body is enough), which its reader thread does not answer; that is jSMPP's, see docs/operations.md.
 */
class DeliverSmFuzzTest {

    private static final int MAX_SHORT_MESSAGE = 254;

    @FuzzTest(maxExecutions = 10_000)
    void deliverSm(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int sourceEnd = nul(input, 2);
        int destinationEnd = nul(input, Math.min(sourceEnd + 1, input.length));
        String source = ascii(input, 2, sourceEnd);
        String destination = ascii(input, Math.min(sourceEnd + 1, input.length), destinationEnd);
        byte[] shortMessage = Arrays.copyOfRange(input, Math.min(destinationEnd + 1, input.length),
                Math.min(input.length, destinationEnd + 1 + MAX_SHORT_MESSAGE));
        byte[] pdu;
        try {
            pdu = new DefaultComposer().deliverSm(1, "", (byte) 1, (byte) 1, source, (byte) 1, (byte) 1, destination, input[0],
                    (byte) 0, (byte) 0, (byte) 0, input[1], shortMessage);
        } catch (PDUStringException notAPdu) {
            return; // no SMSC can send these fields (an address over 20 characters)
        }
        DeliverSm deliverSm;
        try {
            deliverSm = DefaultDecomposer.getInstance().deliverSm(pdu);
        } catch (PDUStringException refused) {
            return;
        }
        if (deliverSm.isSmscDeliveryReceipt()) {
            try {
                DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                assertThat(receipt).isNotNull();
                String.valueOf(receipt.getFinalStatus());
            } catch (InvalidDeliveryReceiptException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
            return;
        }
        DataCodings.newInstance(deliverSm.getDataCoding());
        byte[] text = deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage();
        assertThat(GsmAlphabet.decode(text)).hasSizeLessThanOrEqualTo(text.length);
    }

    private static int nul(byte[] input, int from) {
        int i = from;
        while (i < input.length && input[i] != 0) {
            i++;
        }
        return i;
    }

    private static String ascii(byte[] input, int from, int to) {
        return new String(input, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }
}
