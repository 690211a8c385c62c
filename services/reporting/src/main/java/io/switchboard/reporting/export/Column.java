package io.switchboard.reporting.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.reporting.domain.Kpis;
import io.switchboard.reporting.domain.ReportRow;

/**
 * One column of a report, the same in JSON (the field name), CSV and XLSX (the header). Values are
 * strings, whole numbers, or decimals (seconds, shares from 0 to 1); a rate whose divisor is zero is empty.
 */
public record Column(String name, Function<ReportRow, Object> value) {

    public static List<Column> of(Dimension dimension) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("start", r -> r.start().toString()),
                new Column(dimension.slug(), ReportRow::key),
                figure("offered", Figures::offered),
                figure("answered", Figures::answered),
                figure("abandoned", Figures::abandoned),
                figure("shortAbandoned", Figures::shortAbandoned),
                figure("answeredWithinThreshold", Figures::answeredInThreshold),
                kpi("serviceLevel", Kpis::serviceLevel),
                kpi("abandonRate", Kpis::abandonRate),
                kpi("asaSeconds", Kpis::asaSeconds),
                kpi("ahtSeconds", Kpis::ahtSeconds),
                kpi("avgTalkSeconds", Kpis::avgTalkSeconds),
                kpi("avgHoldSeconds", Kpis::avgHoldSeconds),
                kpi("avgWrapUpSeconds", Kpis::avgWrapSeconds),
                figure("handled", Figures::handled),
                seconds("answerWaitSeconds", Figures::answerWaitMs),
                seconds("talkSeconds", Figures::talkMs),
                seconds("holdSeconds", Figures::holdMs),
                seconds("wrapUpSeconds", Figures::wrapMs),
                figure("transfers", Figures::transfers),
                figure("overflows", Figures::overflows),
                figure("fcrContacts", Figures::fcrContacts),
                figure("fcrResolved", Figures::fcrResolved),
                kpi("fcrRate", Kpis::fcrRate),
                figure("surveys", Figures::surveys),
                figure("csatSatisfied", Figures::csatSatisfied),
                figure("csatScoreSum", Figures::csatScoreSum),
                kpi("csat", Kpis::csat),
                kpi("avgSurveyScore", Kpis::avgSurveyScore)));
        if (dimension == Dimension.AGENT) {
            columns.addAll(List.of(
                    new Column("loggedInSeconds", r -> r.time().loggedIn() / 1000.0),
                    new Column("availableSeconds", r -> r.time().available() / 1000.0),
                    new Column("busySeconds", r -> r.time().busy() / 1000.0),
                    new Column("availableIdleSeconds", r -> r.time().availableIdle() / 1000.0),
                    kpi("occupancy", Kpis::occupancy),
                    kpi("utilisation", Kpis::utilisation)));
        }
        return List.copyOf(columns);
    }

    private static Column figure(String name, Function<Figures, Long> value) {
        return new Column(name, r -> value.apply(r.figures()));
    }

    private static Column seconds(String name, Function<Figures, Long> millis) {
        return new Column(name, r -> millis.apply(r.figures()) / 1000.0);
    }

    private static Column kpi(String name, Function<Kpis, Double> value) {
        return new Column(name, r -> value.apply(r.kpis()));
    }
}
