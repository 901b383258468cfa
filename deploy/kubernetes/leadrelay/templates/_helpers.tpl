{{/* The release's name, or fullnameOverride: every object is named <fullname>-<service>. */}}
{{- define "leadrelay.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* The five services, in the order of the pipeline. */}}
{{- define "leadrelay.serviceNames" -}}
lead-intake partner-directory lead-router notification-service operator-console
{{- end -}}

{{- define "leadrelay.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: leadrelay
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "service" "lead-router"). */}}
{{- define "leadrelay.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "leadrelay.serviceLabels" -}}
{{ include "leadrelay.labels" .root }}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/* <registry>/<service>:<tag>, the scheme of deploy/images.properties. */}}
{{- define "leadrelay.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .service (toString .root.Values.image.tag) -}}
{{- end -}}

{{- define "leadrelay.kafkaCluster" -}}
{{- default (include "leadrelay.fullname" .) .Values.kafka.strimzi.clusterName -}}
{{- end -}}

{{- define "leadrelay.bootstrapServers" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9092" (include "leadrelay.kafkaCluster" .) -}}
{{- else -}}
{{- required "kafka.external.bootstrapServers is required when kafka.strimzi.enabled is false" .Values.kafka.external.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "leadrelay.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else if .Values.secrets.create -}}
{{- printf "%s-secrets" (include "leadrelay.fullname" .) -}}
{{- else -}}
{{- fail "secrets.existingSecret names the Secret with Lead Relay's keys and passwords (or set secrets.create with secrets.values)" -}}
{{- end -}}
{{- end -}}

{{- define "leadrelay.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "leadrelay.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Whether KEDA or an HPA sizes the service (lead-router and notification-service only). */}}
{{- define "leadrelay.autoscaled" -}}
{{- if and (has .service (list "lead-router" "notification-service")) (or .root.Values.autoscaling.keda.enabled .root.Values.autoscaling.hpa.enabled) -}}
true
{{- end -}}
{{- end -}}

{{/* An environment variable read from the keys Secret. */}}
{{- define "leadrelay.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "leadrelay.secretName" .root }}
      key: {{ .key }}
{{- end -}}
