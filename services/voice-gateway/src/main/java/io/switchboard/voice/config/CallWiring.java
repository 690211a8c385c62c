package io.switchboard.voice.config;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.voice.domain.CallFlow;
import io.switchboard.voice.domain.CallPorts;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.CallSettings;
import io.switchboard.voice.domain.DialPolicy;
import io.switchboard.voice.domain.InboundAdmission;
import io.switchboard.voice.domain.IvrMenu;
import io.switchboard.voice.domain.OptOuts;
import io.switchboard.voice.domain.PhoneCredentials;
import io.switchboard.voice.domain.RecordingPolicy;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.domain.WaitEstimates;
import io.switchboard.voice.domain.port.BrokerLink;
import io.switchboard.voice.domain.port.CallJournal;
import io.switchboard.voice.domain.port.ContactEvents;
import io.switchboard.voice.domain.port.DialAudit;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PromptLibrary;
import io.switchboard.voice.domain.port.Signalling;

/** Builds the call flow from the typed configuration and the adapters that implement its ports. */
@ApplicationScoped
public class CallWiring {

    @Produces
    @Singleton
    CallSettings settings(VoiceConfig config) {
        Map<String, IvrMenu> menus = config.ivr().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> IvrMenu.toEntryPoints(entry.getValue().prompt(), entry.getValue().choices(), entry.getValue().defaultChoice(),
                        entry.getValue().timeout())));
        Map<String, DialPolicy> dialPolicies = config.dialPlan().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> new DialPolicy(entry.getValue().allowedCountries(), entry.getValue().allowPremium(), entry.getValue().allowPersonal())));
        VoiceConfig.DialRate rate = config.dialRate();
        return new CallSettings(config.maxCalls(), config.maxCallDuration(), config.comfortInterval(), config.outbound().ringTimeout(),
                config.outbound().trunk().isPresent(), menus, dialPolicies,
                new CallSettings.DialRates(rate.perAgentPerMinute(), rate.perTenantPerMinute(), rate.maxTracked()),
                new CallSettings.Survey(config.survey().enabled(), config.survey().timeout()),
                new CallSettings.Campaign(config.campaign().machineValues(), config.campaign().keyTimeout(), config.campaign().maxRequestAge()));
    }

    @Produces
    @Singleton
    CallFlow flow(Signalling signalling, Media media, ContactEvents events, CallJournal journal, CallClock clock, DialAudit dialAudit,
            PromptLibrary prompts, CallRegistry calls, VoiceDirectory directory, Registrar registrar, RecordingPolicy recording,
            WaitEstimates estimates, PhoneCredentials phones, OptOuts optOuts, CallSettings settings) {
        return CallFlow.assemble(new CallPorts(signalling, media, events, journal, clock, clock.background(), dialAudit, prompts),
                new CallFlow.Books(calls, directory, registrar, recording, estimates, phones, optOuts), settings);
    }

    /** Opt-outs from the consent topic; callers' national numbers read in their tenant's region. */
    @Produces
    @Singleton
    OptOuts optOuts(VoiceDirectory directory) {
        return new OptOuts(directory::region);
    }

    /** Agents' phones register with the console's credentials, else the configured passwords. */
    @Produces
    @Singleton
    PhoneCredentials phoneCredentials(VoiceConfig config, Registrar registrar) {
        return new PhoneCredentials(config.realm(), config.phones(), registrar);
    }

    @Produces
    @Singleton
    InboundAdmission admission(VoiceDirectory directory, CallRegistry calls, BrokerLink broker, CallSettings settings) {
        return new InboundAdmission(directory, calls, broker, settings.maxCalls());
    }
}
