package io.switchboard.customer360.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactSurveyAnswered;

class TimelineMapperTest {

    @Test
    void aSurveyAnswerIsALineOfTheCustomersTimelineWithItsScoreAndComment() {
        ContactSurveyAnswered answer = new ContactSurveyAnswered(UUID.randomUUID(), "acme-bank", Instant.parse("2026-12-06T10:00:00Z"),
                "c-1", Channel.SMS, 4, "quick and kind");
        TimelineEntry entry = TimelineMapper.entryFor(answer).orElseThrow();
        assertThat(entry.kind()).isEqualTo(TimelineEntry.Kind.SURVEY_ANSWERED);
        assertThat(entry.contactId()).isEqualTo("c-1");
        assertThat(entry.channel()).isEqualTo(Channel.SMS);
        assertThat(entry.text()).isEqualTo("quick and kind");
        assertThat(entry.details()).containsEntry("score", "4");
    }
}
