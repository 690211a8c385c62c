package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.SwitchboardEvent;

/**
 * The fault tests' mixed load on the local platform: one customer's texts and one's WhatsApp messages (signed webhooks),
 * one customer's mails in one thread over SMTP, and three customers' chat messages through a widget, sent together at
 * the same rate per channel, {@code count} of each. It records what each sender was first answered, sends what was not
 * taken again as each provider would, and knows every message's id as it appears on the contacts topic, so one checker
 * can account for all four channels.
 */
final class MixedLoad {

    private final String run;
    private final int count;
    private final String texter = "+4474006" + (10_000 + new Random().nextInt(90_000));
    private final String waId = "4474005" + (10_000 + new Random().nextInt(90_000));
    private final String mailer;
    private final SignedWebhooks texts;
    private final SignedWebhooks whatsApp;
    private final MailedMessages mails;
    private final ChattingCustomers chats;
    private Map<String, Map<String, Long>> firstAnswers = Map.of();

    /** {@code chats}: three customers connected to a widget of acme-bank; texts and mails go to the loans line. */
    MixedLoad(String run, int count, ChattingCustomers chats) {
        this.run = run;
        this.count = count;
        this.chats = chats;
        this.mailer = "mixed." + run + "@customer.example";
        this.texts = SignedWebhooks.twilioTexts("local-twilio-token", PlatformLauncherTest.TWILIO_ACCOUNT, DemoCenter.ACME_LOANS_SMS, texter);
        this.whatsApp = SignedWebhooks.whatsAppMessages("local-meta-app-secret", "100000000000001", waId);
        this.mails = new MailedMessages(2525, mailer, DemoCenter.ACME_LOANS_EMAIL);
    }

    /**
     * Sends all four loads at {@code perSecond} each (the chat's split over its three customers), running {@code during}
     * on the texts' pacing once a third of them have gone; returns when every sender has its answers.
     */
    void send(int perSecond, Runnable during) throws Exception {
        assertThat(mails.sendFirst(run)).as("the thread's first mail").isTrue();
        ExecutorService loads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> sent = List.of(
                    loads.submit(() -> {
                        texts.sendPaced("SM", run, count, perSecond, during);
                        return null;
                    }),
                    loads.submit(() -> {
                        whatsApp.sendPaced("wamid.M", run, count, perSecond, () -> { });
                        return null;
                    }),
                    loads.submit(() -> {
                        mails.sendPaced(run, count, perSecond, () -> { });
                        return null;
                    }),
                    loads.submit(() -> {
                        chats.sendPaced(count / 3, perSecond, () -> { });
                        return null;
                    }));
            for (Future<Object> load : sent) {
                load.get(count / perSecond + 240, TimeUnit.SECONDS);
            }
        } finally {
            loads.shutdownNow();
        }
        firstAnswers = Map.of("texts", histogram(texts.answers().values()), "WhatsApp", histogram(whatsApp.answers().values()),
                "mails taken", histogram(mails.taken().values()), "chat acknowledged", histogram(chats.acknowledged().values()));
        for (SignedWebhooks webhooks : List.of(texts, whatsApp)) {
            assertThat(webhooks.answers().values()).as("a webhook is answered 200 or refused for now (503)").allMatch(
                    status -> status == 200 || status == 503 || status == SignedWebhooks.NO_ANSWER);
        }
    }

    /** Sends everything not taken again, as providers, mail servers and the widget do, until each sender has its answer. */
    void retryUntilEverythingIsTaken() throws InterruptedException {
        texts.retryUnacknowledged(30);
        whatsApp.retryUnacknowledged(30);
        mails.retryUntaken(run, 30);
        chats.resumeAndSendUnacknowledged(Duration.ofSeconds(90));
        assertThat(texts.answers().values()).as("every text answered 200 in the end").allMatch(status -> status == 200);
        assertThat(whatsApp.answers().values()).as("every WhatsApp message answered 200 in the end").allMatch(status -> status == 200);
        assertThat(mails.taken().values()).as("every mail taken in the end").allMatch(ok -> ok);
        assertThat(chats.acknowledged().values()).as("every chat message acknowledged in the end").allMatch(ok -> ok);
    }

    /** How each sender was first answered: status (or taken, acknowledged) and how many. */
    Map<String, Map<String, Long>> firstAnswers() {
        return firstAnswers;
    }

    /** Every message of the load by the id it has on the contacts topic (see {@link #idOnContacts}). */
    List<String> expectedIds() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(SignedWebhooks.id("SM", run, i));
            expected.add(SignedWebhooks.id("wamid.M", run, i));
            expected.add("<" + MailedMessages.messageId(run, i) + ">");
        }
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < count / 3; i++) {
                expected.add(ChattingCustomers.messageId(run, c, i));
            }
        }
        return expected;
    }

    /** A received message's id as the load named it: the provider's id, the Message-ID, or the id a chat text ends with. */
    static Function<SwitchboardEvent, String> idOnContacts() {
        return event -> {
            if (!(event instanceof ContactMessageReceived m)) {
                return null;
            }
            return switch (m.channel()) {
                case SMS, SOCIAL -> m.metadata().getOrDefault("providerMessageId", "");
                case EMAIL -> m.metadata().getOrDefault("messageIdHeader", "");
                case CHAT -> m.text() == null ? "" : m.text().substring(m.text().lastIndexOf(' ') + 1);
                default -> null;
            };
        };
    }

    /** The customers' identifiers in customer360 with, for each, the channel and the id prefix of their messages. */
    List<Customer> customers() {
        List<Customer> customers = new ArrayList<>(List.of(new Customer("phone:" + texter, "SMS", "SM" + run, count),
                new Customer("whatsapp:" + waId, "SOCIAL", "wamid.M" + run, count),
                new Customer("email:" + mailer, "EMAIL", "fault-" + run + "-", count)));
        for (int c = 0; c < 3; c++) {
            customers.add(new Customer("email:" + ChattingCustomers.email(run, c), "CHAT", "chat-" + run + "-" + c + "-", count / 3));
        }
        return customers;
    }

    record Customer(String identifier, String channel, String idPrefix, int messages) {
    }

    List<String> chatContacts() {
        return chats.contactIds();
    }

    private static <T> Map<String, Long> histogram(Collection<T> values) {
        return values.stream().collect(Collectors.groupingBy(String::valueOf, TreeMap::new, Collectors.counting()));
    }
}
