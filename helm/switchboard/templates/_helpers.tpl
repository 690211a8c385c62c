{{/*
Names. The release's prefix is at most 40 characters so that "<prefix>-<service>-<suffix>" stays a valid
63-character name.
*/}}
{{- define "switchboard.fullname" -}}
{{- if contains "switchboard" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-switchboard" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one service's objects: <prefix>-<service>. Call with (dict "root" $ "name" "routing"). */}}
{{- define "switchboard.componentName" -}}
{{- printf "%s-%s" (include "switchboard.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "switchboard.labels" -}}
helm.sh/chart: {{ include "switchboard.chart" . }}
app.kubernetes.io/name: switchboard
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- end -}}

{{/* Labels that select one component's pods. Call with (dict "root" $ "name" "routing"). */}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: switchboard
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "switchboard.componentLabels" -}}
{{ include "switchboard.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/*
What each service needs from the platform: a database (its own schema in the switchboard database, set by
its application.properties), Keycloak tokens, and whether CPU-based autoscaling fits it.
*/}}
{{- define "switchboard.traits" -}}
routing:
  database: true
  oidc: true
chat-channel:
  database: true
  oidc: true
agent-desktop:
  database: true
  oidc: true
email-channel:
  database: true
  oidc: true
customer360:
  database: true
  oidc: true
  reactive: true
reporting:
  database: true
  oidc: true
  reactive: true
voice-gateway:
  database: false
  oidc: false
admin-console:
  database: true
  oidc: true
  keycloakAdmin: true
sms-channel:
  database: true
  oidc: true
social-channel:
  database: true
  oidc: true
campaigns:
  database: true
  oidc: true
fax-channel:
  database: true
  oidc: true
{{- end -}}

{{/* The image of one service. Call with (dict "root" $ "name" "routing" "svc" $svc). */}}
{{- define "switchboard.image" -}}
{{- $img := .root.Values.image -}}
{{- $repo := .svc.image.repository | default (printf "%s/%s" $img.repositoryPrefix .name) -}}
{{- $tag := .svc.image.tag | default $img.tag | default .root.Chart.AppVersion -}}
{{- if $img.registry -}}
{{- printf "%s/%s:%s" $img.registry $repo $tag -}}
{{- else -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- Kafka */}}

{{- define "switchboard.kafka.clusterName" -}}
{{- .Values.kafka.strimzi.clusterName | default (printf "%s-kafka" (include "switchboard.fullname" .)) -}}
{{- end -}}

{{- define "switchboard.kafka.bootstrapServers" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}
{{- if .Values.kafka.strimzi.tls -}}
{{- printf "%s-kafka-bootstrap:9093" (include "switchboard.kafka.clusterName" .) -}}
{{- else -}}
{{- printf "%s-kafka-bootstrap:9092" (include "switchboard.kafka.clusterName" .) -}}
{{- end -}}
{{- else -}}
{{- required "kafka.external.bootstrapServers is required when kafka.mode is external" .Values.kafka.external.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.kafka.securityProtocol" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}
{{- $prefix := ternary "SASL_" "" .Values.kafka.security.enabled -}}
{{- printf "%s%s" $prefix (ternary "SSL" "PLAINTEXT" .Values.kafka.strimzi.tls) -}}
{{- else -}}
{{- .Values.kafka.external.securityProtocol -}}
{{- end -}}
{{- end -}}

{{/* The Secret and key of the brokers' CA certificate, or nothing. */}}
{{- define "switchboard.kafka.caSecretName" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}
{{- if .Values.kafka.strimzi.tls -}}{{ printf "%s-cluster-ca-cert" (include "switchboard.kafka.clusterName" .) }}{{- end -}}
{{- else if has .Values.kafka.external.securityProtocol (list "SSL" "SASL_SSL") -}}
{{- .Values.kafka.external.caSecret.name -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.kafka.caSecretKey" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}ca.crt{{- else -}}{{ .Values.kafka.external.caSecret.key }}{{- end -}}
{{- end -}}

{{- define "switchboard.kafka.sasl" -}}
{{- if has (include "switchboard.kafka.securityProtocol" .) (list "SASL_PLAINTEXT" "SASL_SSL") -}}true{{- end -}}
{{- end -}}

{{- define "switchboard.kafka.saslMechanism" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}SCRAM-SHA-512{{- else -}}
{{- required "kafka.external.saslMechanism is required with SASL" .Values.kafka.external.saslMechanism -}}
{{- end -}}
{{- end -}}

{{/* The principal of one service, and the name of its KafkaUser. Call with (dict "root" $ "name" "routing"). */}}
{{- define "switchboard.kafka.userName" -}}
{{- printf "%s-kafka-%s" (include "switchboard.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The Secret and key of one service's sasl.jaas.config, as YAML {secret, key}. Call with (dict "root" $ "name" "routing").
Per service with kafka.security.enabled (Strimzi's Secret of the service's KafkaUser, or the service's own
Secret of an existing cluster); otherwise the one Secret of kafka.external.
*/}}
{{- define "switchboard.kafka.jaasSecret" -}}
{{- $k := .root.Values.kafka -}}
{{- if not $k.security.enabled -}}
secret: {{ required "kafka.external.saslJaasConfigSecret.name is required with SASL" $k.external.saslJaasConfigSecret.name }}
key: {{ $k.external.saslJaasConfigSecret.key }}
{{- else if eq $k.mode "strimzi" -}}
secret: {{ include "switchboard.kafka.userName" . }}
key: sasl.jaas.config
{{- else -}}
secret: {{ index $k.security.jaasConfigSecrets .name | default (include "switchboard.kafka.userName" .) }}
key: {{ $k.external.saslJaasConfigSecret.key }}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- PostgreSQL */}}

{{- define "switchboard.pg.clusterName" -}}
{{- .Values.postgresql.cnpg.clusterName | default (printf "%s-pg" (include "switchboard.fullname" .)) -}}
{{- end -}}

{{- define "switchboard.pg.host" -}}
{{- if eq .Values.postgresql.mode "cnpg" -}}
{{- printf "%s-rw" (include "switchboard.pg.clusterName" .) -}}
{{- else -}}
{{- required "postgresql.external.host is required when postgresql.mode is external" .Values.postgresql.external.host -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.pg.port" -}}
{{- if eq .Values.postgresql.mode "cnpg" -}}5432{{- else -}}{{ .Values.postgresql.external.port }}{{- end -}}
{{- end -}}

{{- define "switchboard.pg.sslMode" -}}
{{- if eq .Values.postgresql.mode "cnpg" -}}require{{- else -}}{{ .Values.postgresql.external.sslMode }}{{- end -}}
{{- end -}}

{{/* The Secret with the external server's CA certificate (PEM), or nothing. */}}
{{- define "switchboard.pg.caSecretName" -}}
{{- if eq .Values.postgresql.mode "external" -}}{{ .Values.postgresql.external.caSecret.name }}{{- end -}}
{{- end -}}

{{- define "switchboard.pg.caFile" -}}
{{- printf "/etc/switchboard/pg-ca/%s" .Values.postgresql.external.caSecret.key -}}
{{- end -}}

{{/* The shared Secret with the database user: CloudNativePG's <cluster>-app, or the external one. */}}
{{- define "switchboard.pg.secretName" -}}
{{- if eq .Values.postgresql.mode "cnpg" -}}
{{- printf "%s-app" (include "switchboard.pg.clusterName" .) -}}
{{- else -}}
{{- required "postgresql.external.credentialsSecret.name is required when postgresql.mode is external" .Values.postgresql.external.credentialsSecret.name -}}
{{- end -}}
{{- end -}}

{{- define "switchboard.pg.usernameKey" -}}
{{- if eq .Values.postgresql.mode "cnpg" -}}username{{- else -}}{{ .Values.postgresql.external.credentialsSecret.usernameKey }}{{- end -}}
{{- end -}}

{{- define "switchboard.pg.passwordKey" -}}
{{- if eq .Values.postgresql.mode "cnpg" -}}password{{- else -}}{{ .Values.postgresql.external.credentialsSecret.passwordKey }}{{- end -}}
{{- end -}}

{{/*
A service's database credentials: its own services.<name>.database.credentialsSecret when named (a role
that owns the service's schema only), else the shared Secret above. Takes dict root, svc; gives YAML
{secret, usernameKey, passwordKey}.
*/}}
{{- define "switchboard.pg.serviceCredentials" -}}
{{- $own := dig "database" "credentialsSecret" "name" "" .svc -}}
{{- if $own -}}
secret: {{ $own | quote }}
usernameKey: {{ dig "database" "credentialsSecret" "usernameKey" "username" .svc | quote }}
passwordKey: {{ dig "database" "credentialsSecret" "passwordKey" "password" .svc | quote }}
{{- else -}}
secret: {{ include "switchboard.pg.secretName" .root | quote }}
usernameKey: {{ include "switchboard.pg.usernameKey" .root | quote }}
passwordKey: {{ include "switchboard.pg.passwordKey" .root | quote }}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- Keycloak */}}

{{- define "switchboard.keycloak.name" -}}
{{- .Values.keycloak.operator.name | default (printf "%s-keycloak" (include "switchboard.fullname" .)) -}}
{{- end -}}

{{/* The base URL services reach Keycloak at. */}}
{{- define "switchboard.keycloak.url" -}}
{{- if eq .Values.keycloak.mode "operator" -}}
{{- printf "http://%s-service:8080" (include "switchboard.keycloak.name" .) -}}
{{- else -}}
{{- required "keycloak.external.url is required when keycloak.mode is external" .Values.keycloak.external.url | trimSuffix "/" -}}
{{- end -}}
{{- end -}}

{{/* The base URL browsers sign in at. */}}
{{- define "switchboard.keycloak.publicUrl" -}}
{{- if eq .Values.keycloak.mode "operator" -}}
{{- printf "https://%s" .Values.keycloak.operator.hostname -}}
{{- else -}}
{{- .Values.keycloak.external.publicUrl | default .Values.keycloak.external.url | trimSuffix "/" -}}
{{- end -}}
{{- end -}}

{{/* The issuer the services expect in tokens (they do not ask Keycloak's discovery document): the
address browsers sign in at, unless keycloak.external.issuer names another. */}}
{{- define "switchboard.keycloak.issuer" -}}
{{- $public := printf "%s/realms/%s" (include "switchboard.keycloak.publicUrl" .) .Values.keycloak.realm -}}
{{- if eq .Values.keycloak.mode "operator" -}}
{{- $public -}}
{{- else -}}
{{- .Values.keycloak.external.issuer | default $public -}}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- OpenTelemetry */}}

{{- define "switchboard.otel.collectorName" -}}
{{- printf "%s-otel-collector" (include "switchboard.fullname" .) -}}
{{- end -}}

{{- define "switchboard.otel.endpoint" -}}
{{- if .Values.opentelemetry.endpoint -}}
{{- .Values.opentelemetry.endpoint -}}
{{- else if .Values.opentelemetry.collector.enabled -}}
{{- printf "http://%s:4317" (include "switchboard.otel.collectorName" .) -}}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- Pods */}}

{{/* The container security context every container of the chart runs with. */}}
{{- define "switchboard.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Topology spread constraints for one component. Call with (dict "root" $ "name" "routing"). */}}
{{- define "switchboard.topologySpread" -}}
{{- $ts := .root.Values.topologySpread -}}
{{- range $ts.topologyKeys }}
- maxSkew: {{ $ts.maxSkew }}
  topologyKey: {{ . }}
  whenUnsatisfiable: {{ $ts.whenUnsatisfiable }}
  labelSelector:
    matchLabels:
      {{- include "switchboard.selectorLabels" (dict "root" $.root "name" $.name) | nindent 6 }}
{{- end }}
{{- end -}}

{{/*
The non-secret environment of one service (its ConfigMap). Call with (dict "root" $ "name" "routing" "svc" $svc).
*/}}
{{- define "switchboard.serviceEnv" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := .svc -}}
{{- $traits := index (fromYaml (include "switchboard.traits" $root)) $name -}}
{{- $env := dict -}}
{{- $_ := set $env "QUARKUS_HTTP_PORT" (toString $svc.port) -}}
{{- $_ := set $env "JAVA_TOOL_OPTIONS" (printf "-XX:MaxRAMPercentage=%v" $root.Values.pod.maxRamPercentage) -}}
{{- $_ := set $env "KAFKA_BOOTSTRAP_SERVERS" (include "switchboard.kafka.bootstrapServers" $root) -}}
{{- $protocol := include "switchboard.kafka.securityProtocol" $root -}}
{{- if ne $protocol "PLAINTEXT" -}}
{{- $_ := set $env "KAFKA_SECURITY_PROTOCOL" $protocol -}}
{{- end -}}
{{- if include "switchboard.kafka.sasl" $root -}}
{{- $_ := set $env "KAFKA_SASL_MECHANISM" (include "switchboard.kafka.saslMechanism" $root) -}}
{{- end -}}
{{- if include "switchboard.kafka.caSecretName" $root -}}
{{- $_ := set $env "KAFKA_SSL_TRUSTSTORE_TYPE" "PEM" -}}
{{- $_ := set $env "KAFKA_SSL_TRUSTSTORE_LOCATION" (printf "/etc/switchboard/kafka-ca/%s" (include "switchboard.kafka.caSecretKey" $root)) -}}
{{- end -}}
{{- if $traits.database -}}
{{- $db := printf "%s:%s/%s" (include "switchboard.pg.host" $root) (include "switchboard.pg.port" $root) $root.Values.postgresql.database -}}
{{- $jdbc := printf "jdbc:postgresql://%s?sslmode=%s" $db (include "switchboard.pg.sslMode" $root) -}}
{{- if include "switchboard.pg.caSecretName" $root -}}
{{- $jdbc = printf "%s&sslrootcert=%s" $jdbc (include "switchboard.pg.caFile" $root) -}}
{{- end -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_JDBC_URL" $jdbc -}}
{{- if $traits.reactive -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_REACTIVE_URL" (printf "postgresql://%s" $db) -}}
{{- $sslMode := include "switchboard.pg.sslMode" $root -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE" $sslMode -}}
{{- if has $sslMode (list "allow" "prefer" "require") -}}
{{- /* libpq's meaning of these modes: encrypted, certificate not verified (as the JDBC driver does) */ -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL" "true" -}}
{{- end -}}
{{- if include "switchboard.pg.caSecretName" $root -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM" "true" -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS" (include "switchboard.pg.caFile" $root) -}}
{{- end -}}
{{- if eq $sslMode "verify-full" -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM" "HTTPS" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $traits.oidc -}}
{{- $_ := set $env "QUARKUS_OIDC_AUTH_SERVER_URL" (printf "%s/realms/%s" (include "switchboard.keycloak.url" $root) $root.Values.keycloak.realm) -}}
{{- $issuer := include "switchboard.keycloak.issuer" $root -}}
{{- if $issuer -}}
{{- $_ := set $env "QUARKUS_OIDC_TOKEN_ISSUER" $issuer -}}
{{- end -}}
{{- end -}}
{{- $otel := include "switchboard.otel.endpoint" $root -}}
{{- if $otel -}}
{{- $_ := set $env "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT" $otel -}}
{{- $_ := set $env "QUARKUS_OTEL_TRACES_SAMPLER_ARG" (toString $root.Values.opentelemetry.samplerRatio) -}}
{{- else -}}
{{- $_ := set $env "QUARKUS_OTEL_TRACES_SAMPLER_ARG" "0.0" -}}
{{- end -}}
{{- if $svc.properties -}}
{{- $_ := set $env "QUARKUS_CONFIG_LOCATIONS" "/etc/switchboard/config/application.properties" -}}
{{- end -}}
{{- /* The channels that limit per client address see it through the ingress only from trusted proxies. */ -}}
{{- if and $root.Values.ingress.trustedProxies (has $name (list "chat-channel" "sms-channel" "social-channel" "fax-channel")) -}}
{{- $_ := set $env "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING" "true" -}}
{{- $_ := set $env "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED" "true" -}}
{{- $_ := set $env "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES" (join "," $root.Values.ingress.trustedProxies) -}}
{{- end -}}
{{- if eq $name "chat-channel" -}}
{{- $_ := set $env "SWITCHBOARD_CHAT_CONNECTION_RATE_PER_SECOND" (toString $svc.connectionRate.perSecond) -}}
{{- $_ := set $env "SWITCHBOARD_CHAT_CONNECTION_RATE_BURST" (toString $svc.connectionRate.burst) -}}
{{- end -}}
{{- if eq $name "routing" -}}
{{- $_ := set $env "SWITCHBOARD_ROUTING_COMMAND_PARTITIONS" (toString $svc.commandPartitions) -}}
{{- $_ := set $env "SWITCHBOARD_ROUTING_SESSION_TIMEOUT" $svc.sessionTimeout -}}
{{- else if eq $name "agent-desktop" -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_KEYCLOAK_URL" (include "switchboard.keycloak.publicUrl" $root) -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_KEYCLOAK_REALM" $root.Values.keycloak.realm -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_KEYCLOAK_CLIENT_ID" $svc.keycloakClientId -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_CUSTOMER360_URL" (printf "http://%s:%v" (include "switchboard.componentName" (dict "root" $root "name" "customer360")) $root.Values.services.customer360.port) -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_SMS_CHANNEL_URL" (printf "http://%s:%v" (include "switchboard.componentName" (dict "root" $root "name" "sms-channel")) (index $root.Values.services "sms-channel").port) -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_SOCIAL_CHANNEL_URL" (printf "http://%s:%v" (include "switchboard.componentName" (dict "root" $root "name" "social-channel")) (index $root.Values.services "social-channel").port) -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_REPORTING_URL" (printf "http://%s:%v" (include "switchboard.componentName" (dict "root" $root "name" "reporting")) $root.Values.services.reporting.port) -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_CAMPAIGNS_URL" (printf "http://%s:%v" (include "switchboard.componentName" (dict "root" $root "name" "campaigns")) $root.Values.services.campaigns.port) -}}
{{- $_ := set $env "SWITCHBOARD_DESKTOP_FAX_CHANNEL_URL" (printf "http://%s:%v" (include "switchboard.componentName" (dict "root" $root "name" "fax-channel")) (index $root.Values.services "fax-channel").port) -}}
{{- else if eq $name "email-channel" -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_PORT" (toString $svc.smtp.port) -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_BIND_ADDRESS" "0.0.0.0" -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_HOST_NAME" $svc.smtp.hostName -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_TLS_REQUIRED" (toString $svc.smtp.tls.required) -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_MAX_MESSAGES_PER_CONNECTION" (toString $svc.smtp.maxMessagesPerConnection) -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_CONNECTION_RATE_PER_SECOND" (toString $svc.smtp.connectionRate.perSecond) -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_CONNECTION_RATE_BURST" (toString $svc.smtp.connectionRate.burst) -}}
{{- if $svc.smtp.tls.keyStoreSecret.name -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_SMTP_TLS_KEY_STORE" (printf "/etc/switchboard/smtp-tls/%s" $svc.smtp.tls.keyStoreSecret.key) -}}
{{- end -}}
{{- if and $root.Values.ingress.enabled $root.Values.ingress.webhooks.host -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_PUBLIC_URL" (printf "https://%s" $root.Values.ingress.webhooks.host) -}}
{{- end -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_RELAY_HOST" $svc.mailer.host -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_RELAY_PORT" (toString $svc.mailer.port) -}}
{{- $_ := set $env "SWITCHBOARD_EMAIL_RELAY_START_TLS" $svc.mailer.startTls -}}
{{- else if eq $name "reporting" -}}
{{- $_ := set $env "SWITCHBOARD_REPORTING_RELAY_HOST" $svc.mailer.host -}}
{{- $_ := set $env "SWITCHBOARD_REPORTING_RELAY_PORT" (toString $svc.mailer.port) -}}
{{- $_ := set $env "SWITCHBOARD_REPORTING_RELAY_START_TLS" $svc.mailer.startTls -}}
{{- $_ := set $env "SWITCHBOARD_REPORTING_SCHEDULES_FROM" $svc.mailer.from -}}
{{- else if eq $name "voice-gateway" -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_SIP_PORT" (toString $svc.sip.port) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_SIP_TRANSPORTS" $svc.sip.transports -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_MEDIA_PORT_MIN" (toString $svc.media.portMin) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_MEDIA_PORT_MAX" (toString $svc.media.portMax) -}}
{{- if $svc.trunks -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_TRUNKS" (join "," $svc.trunks) -}}
{{- end -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_MEDIA_PROBATION" (toString $svc.media.probation) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_RATE_LIMIT_INVITE_PER_SECOND" (toString $svc.rateLimit.invitePerSecond) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_RATE_LIMIT_INVITE_BURST" (toString $svc.rateLimit.inviteBurst) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_RATE_LIMIT_REGISTER_PER_SECOND" (toString $svc.rateLimit.registerPerSecond) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_RATE_LIMIT_REGISTER_BURST" (toString $svc.rateLimit.registerBurst) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_RATE_LIMIT_MAX_SOURCES" (toString $svc.rateLimit.maxSources) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_SURVEY_ENABLED" (toString $svc.survey.enabled) -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_SURVEY_TIMEOUT" $svc.survey.timeout -}}
{{- range $account := $svc.trunkAccounts -}}
{{- $prefix := printf "SWITCHBOARD_VOICE_TRUNK_ACCOUNTS_%s_" (upper $account.name) -}}
{{- $_ := set $env (printf "%sUSERNAME" $prefix) (default $account.name $account.username) -}}
{{- if $account.addresses -}}
{{- $_ := set $env (printf "%sADDRESSES" $prefix) (join "," $account.addresses) -}}
{{- end -}}
{{- $_ := set $env (printf "%sALGORITHMS" $prefix) (default "SHA-256,MD5" $account.algorithms) -}}
{{- end -}}
{{- if $svc.outbound.trunk -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_OUTBOUND_TRUNK" $svc.outbound.trunk -}}
{{- end -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_JOURNAL_DIR" "/var/lib/switchboard/voice-journal" -}}
{{- $_ := set $env "SWITCHBOARD_VOICE_RECORDINGS_DIR" "/var/lib/switchboard/recordings" -}}
{{- else if eq $name "sms-channel" -}}
{{- $_ := set $env "SWITCHBOARD_SMS_PUBLIC_URL" (include "switchboard.publicUrl" (dict "root" $root "svc" $svc "name" $name)) -}}
{{- $_ := set $env "SWITCHBOARD_SMS_WEBHOOK_RATE_PER_SECOND" (toString $svc.webhookRate.perSecond) -}}
{{- $_ := set $env "SWITCHBOARD_SMS_WEBHOOK_RATE_BURST" (toString $svc.webhookRate.burst) -}}
{{- $_ := set $env "SWITCHBOARD_SMS_TWILIO_API_BASE_URL" $svc.twilio.apiBaseUrl -}}
{{- $_ := set $env "SWITCHBOARD_SMS_VONAGE_ENABLED" (toString $svc.vonage.enabled) -}}
{{- if $svc.vonage.enabled -}}
{{- $_ := set $env "SWITCHBOARD_SMS_VONAGE_API_BASE_URL" $svc.vonage.apiBaseUrl -}}
{{- $_ := set $env "SWITCHBOARD_SMS_VONAGE_NUMBERS" (join "," $svc.vonage.numbers) -}}
{{- end -}}
{{- else if eq $name "social-channel" -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_PUBLIC_URL" (include "switchboard.publicUrl" (dict "root" $root "svc" $svc "name" $name)) -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_WEBHOOK_RATE_PER_SECOND" (toString $svc.webhookRate.perSecond) -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_WEBHOOK_RATE_BURST" (toString $svc.webhookRate.burst) -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_META_GRAPH_API_BASE_URL" $svc.meta.graphApiBaseUrl -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_META_GRAPH_API_VERSION" $svc.meta.graphApiVersion -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_META_HUMAN_AGENT_TAG" (toString $svc.meta.humanAgentTag) -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_TELEGRAM_API_BASE_URL" $svc.telegram.apiBaseUrl -}}
{{- $_ := set $env "SWITCHBOARD_SOCIAL_TEMPLATES" $svc.templates -}}
{{- else if eq $name "fax-channel" -}}
{{- $_ := set $env "SWITCHBOARD_FAX_PUBLIC_URL" (include "switchboard.publicUrl" (dict "root" $root "svc" $svc "name" $name)) -}}
{{- $_ := set $env "SWITCHBOARD_FAX_WEBHOOK_RATE_PER_SECOND" (toString $svc.webhookRate.perSecond) -}}
{{- $_ := set $env "SWITCHBOARD_FAX_WEBHOOK_RATE_BURST" (toString $svc.webhookRate.burst) -}}
{{- $_ := set $env "SWITCHBOARD_FAX_TWILIO_MEDIA_HOSTS" (join "," $svc.twilio.mediaHosts) -}}
{{- $_ := set $env "SWITCHBOARD_FAX_SMTP_ENABLED" (toString $svc.smtp.enabled) -}}
{{- if $svc.smtp.enabled -}}
{{- $_ := set $env "SWITCHBOARD_FAX_SMTP_BIND_ADDRESS" "0.0.0.0" -}}
{{- $_ := set $env "SWITCHBOARD_FAX_SMTP_PORT" (toString $svc.smtp.port) -}}
{{- $_ := set $env "SWITCHBOARD_FAX_SMTP_HOST_NAME" $svc.smtp.hostName -}}
{{- if $svc.smtp.allowedClients -}}
{{- $_ := set $env "SWITCHBOARD_FAX_SMTP_ALLOWED_CLIENTS" (join "," $svc.smtp.allowedClients) -}}
{{- end -}}
{{- end -}}
{{- else if eq $name "admin-console" -}}
{{- $_ := set $env "QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL" (include "switchboard.keycloak.url" $root) -}}
{{- $_ := set $env "QUARKUS_KEYCLOAK_ADMIN_CLIENT_REALM" $root.Values.keycloak.realm -}}
{{- $_ := set $env "SWITCHBOARD_ADMIN_REALM" $root.Values.keycloak.realm -}}
{{- $_ := set $env "SWITCHBOARD_ADMIN_BROWSER_KEYCLOAK_URL" (include "switchboard.keycloak.publicUrl" $root) -}}
{{- $_ := set $env "SWITCHBOARD_ADMIN_BROWSER_REALM" $root.Values.keycloak.realm -}}
{{- $_ := set $env "SWITCHBOARD_ADMIN_BROWSER_CLIENT_ID" $svc.keycloakClientId -}}
{{- end -}}
{{- range $k, $v := $svc.env -}}
{{- $_ := set $env $k (toString $v) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/* A channel's public base URL: its own value, else the webhooks Ingress host. Call with (dict "root" $ "svc" $svc "name" "sms-channel"). */}}
{{- define "switchboard.publicUrl" -}}
{{- if .svc.publicUrl -}}
{{- .svc.publicUrl -}}
{{- else if and .root.Values.ingress.enabled .root.Values.ingress.webhooks.host -}}
{{- printf "https://%s" .root.Values.ingress.webhooks.host -}}
{{- else -}}
{{- required (printf "services.%s.publicUrl is required without the webhooks Ingress: providers sign over it" .name) "" -}}
{{- end -}}
{{- end -}}

{{/* One env entry from a Secret key. Call with (dict "env" "NAME" "secret" "name" "key" "key"). */}}
{{- define "switchboard.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}
