package io.switchboard.admin.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** One opening of a week: {@code day} from {@code opens} until {@code closes}, in the tenant's (or queue's) time zone. */
public record Opening(DayOfWeek day, LocalTime opens, LocalTime closes) {
}
