-- Each queue's counts for the current day (tenant's time zone), for the service level of the day.
CREATE TABLE queue_day_stats (
    queue_id      text NOT NULL,
    domain        text NOT NULL,
    day           date NOT NULL,
    offered       bigint NOT NULL,
    answered      bigint NOT NULL,
    answered_in_time bigint NOT NULL,
    abandoned     bigint NOT NULL,
    PRIMARY KEY (queue_id, day)
);
CREATE INDEX queue_day_stats_domain ON queue_day_stats (domain, day);
