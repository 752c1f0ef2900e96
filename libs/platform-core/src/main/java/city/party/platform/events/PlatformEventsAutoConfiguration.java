package city.party.platform.events;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.event.ReactiveAfterSaveCallback;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import reactor.core.publisher.Mono;

/**
 * The event backbone of every service: explicit topics and dead-letter topics, the outbox relay,
 * idempotent consumption, bounded retries then dead-lettering (ADR 0002).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({ ReactiveMongoTemplate.class, KafkaTemplate.class })
@EnableConfigurationProperties(PlatformEventsProperties.class)
public class PlatformEventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock platformClock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformEventsProperties properties, Environment environment) {
        String group = consumerGroup(environment);
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : properties.produces()) {
            topics.add(topic(properties, topic));
        }
        for (String topic : properties.consumes()) {
            // Declared by the consumer too, so it can start before the producer ever ran.
            topics.add(topic(properties, topic));
            topics.add(topic(properties, PlatformEventsProperties.deadLetterTopic(topic, group)));
        }
        return new KafkaAdmin.NewTopics(topics.stream().distinct().toArray(NewTopic[]::new));
    }

    private static NewTopic topic(PlatformEventsProperties properties, String name) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicas()).build();
    }

    private static String consumerGroup(Environment environment) {
        return environment.getProperty("spring.kafka.consumer.group-id",
                environment.getProperty("spring.application.name", "application"));
    }

    @Bean
    @ConditionalOnProperty(name = "platform.events.relay.enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, KafkaTemplate<String, CloudEvent> kafka,
            ObjectProvider<KafkaAdmin> kafkaAdmin, MongoMappingContext mappingContext, OutboxMarkers markers,
            PlatformEventsProperties properties, Environment environment, ObjectProvider<MeterRegistry> meters,
            Clock clock) {
        List<String> collections = mappingContext.getPersistentEntities().stream()
                .filter(entity -> AggregateRoot.class.isAssignableFrom(entity.getType()))
                .map(MongoPersistentEntity::getCollection).distinct().toList();
        URI source = properties.source() != null ? properties.source()
                : URI.create("/" + environment.getProperty("spring.application.name", "application"));
        PlatformEventsProperties.Relay relay = properties.relay();
        return new OutboxRelay(mongo, kafka, kafkaAdmin.getIfAvailable(), collections, markers, source,
                new OutboxRelay.RelaySettings(relay.pollInterval(), relay.maxBackoff(), relay.fullScanInterval(),
                        relay.sendTimeout(), relay.batchSize(), relay.concurrency()),
                meters.getIfAvailable(SimpleMeterRegistry::new), clock);
    }

    /** The relay's work list; lazy towards the relay, which needs the template. */
    @Bean
    @ConditionalOnMissingBean
    OutboxMarkers outboxMarkers(ReactiveMongoTemplate mongo, ObjectProvider<OutboxRelay> relay, Clock clock) {
        return new OutboxMarkers(mongo, relay, clock);
    }

    /** Marks a saved aggregate with events for the relay (batched, in the background). */
    @Bean
    ReactiveAfterSaveCallback<AggregateRoot> outboxMarking(ObjectProvider<OutboxMarkers> markers) {
        return (aggregate, document, collection) -> {
            if (!aggregate.getOutbox().isEmpty()) {
                markers.getObject().pending(collection, document.get("_id"));
            }
            return Mono.just(aggregate);
        };
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents(ReactiveMongoTemplate mongo, Environment environment,
            PlatformEventsProperties properties, Clock clock) {
        return new ProcessedEvents(mongo, consumerGroup(environment), clock, properties.consumer().handleTimeout());
    }

    /**
     * Retries a failing record a bounded number of times (in place, so per-key order holds), then
     * publishes it unchanged (same key, headers and bytes, same partition) to the consumer's
     * dead-letter topic and moves on. Records that cannot be deserialised or parsed are not retried.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler platformErrorHandler(KafkaProperties kafkaProperties, PlatformEventsProperties properties,
            Environment environment) {
        String group = consumerGroup(environment);
        Map<String, Object> producer = new HashMap<>(kafkaProperties.buildProducerProperties());
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Class<?>, Serializer<?>> byType = new HashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(CloudEvent.class, new CloudEventDataSerializer());
        KafkaTemplate<String, Object> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer,
                new StringSerializer(), new DelegatingByTypeSerializer(byType, true)));
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(
                        PlatformEventsProperties.deadLetterTopic(record.topic(), group), record.partition()));
        PlatformEventsProperties.Consumer consumer = properties.consumer();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(consumer.maxRetries());
        backOff.setInitialInterval(consumer.initialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(consumer.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    /**
     * Fail fast when MongoDB is unreachable (the driver's default waits 30 s per operation), so
     * that readiness turns DOWN promptly and requests answer with an error instead of hanging. And
     * never wait for ever on an answer: by default the driver has no read timeout, and on the
     * emulator an operation now and then was never answered — a member import stayed IMPORTING
     * for good, an outbox relay pass never ended. With {@code platform.mongodb.read-timeout} (60 s;
     * 0 = none) such an operation fails, its connection is closed, and the caller can retry.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer platformMongoTimeouts(Environment environment) {
        long selectionMillis = environment.getProperty("platform.mongodb.server-selection-timeout",
                java.time.Duration.class, java.time.Duration.ofSeconds(5)).toMillis();
        long readMillis = environment.getProperty("platform.mongodb.read-timeout", java.time.Duration.class,
                java.time.Duration.ofSeconds(60)).toMillis();
        return builder -> builder.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(selectionMillis,
                java.util.concurrent.TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                        .readTimeout((int) readMillis, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** Events carry the trace of the request that raised them (when tracing is on the classpath). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class OutboxTracingConfiguration {

        @Bean
        org.springframework.data.mongodb.core.mapping.event.ReactiveBeforeConvertCallback<AggregateRoot> outboxTracing(
                org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
                org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
            return new OutboxTracing(tracer, propagator);
        }
    }
}
