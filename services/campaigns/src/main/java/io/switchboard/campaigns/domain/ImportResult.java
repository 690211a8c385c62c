package io.switchboard.campaigns.domain;

import java.util.List;

/** What an import kept and left out, and the other campaigns that share numbers with it. */
public record ImportResult(int accepted, List<Rejected> rejected, List<Overlap> overlaps) {
}
