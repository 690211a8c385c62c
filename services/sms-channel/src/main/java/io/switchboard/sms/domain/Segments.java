package io.switchboard.sms.domain;

/**
 * What a body costs to send.
 *
 * @param encoding  GSM-7 or UCS-2
 * @param segments  parts the carrier bills (0 for an empty body)
 * @param units     septets (GSM-7, an extension character counts 2) or UTF-16 code units (UCS-2)
 * @param perSegment units one part holds for this length: 160/70 for a single part, 153/67 when concatenated
 * @param remaining  units still free in the last part before another part is needed
 */
public record Segments(SmsEncoding encoding, int segments, int units, int perSegment, int remaining) {
}
