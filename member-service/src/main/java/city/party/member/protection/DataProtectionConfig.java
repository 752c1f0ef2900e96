package city.party.member.protection;

import city.party.member.dues.domain.DuesBase;
import city.party.member.member.domain.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.event.ReactiveBeforeConvertCallback;
import reactor.core.publisher.Mono;

/**
 * Wires {@link FieldProtection} into the mapping: the member's citizen id number, phone, address
 * and the monthly income of their dues assessment are encrypted when written and decrypted when read (Spring Data property value
 * converters), and every saved member carries the keyed digest of its id number, on which the
 * unique index and the re-import lookups work. The key comes from {@code member.data-protection.key}
 * ({@code MEMBER_DATA_PROTECTION_KEY}); without one, a development key is used and a warning
 * logged — production sets it from a Secret (docs/operations.md).
 */
@Configuration(proxyBeanMethods = false)
class DataProtectionConfig {

    private static final Logger log = LoggerFactory.getLogger(DataProtectionConfig.class);
    /** Known to everyone who reads this file: protects nothing but local and test data. */
    private static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcmVhbC1kYXQ=";

    @Bean
    FieldProtection fieldProtection(@Value("${member.data-protection.key:}") String key) {
        if (key.isBlank()) {
            log.warn("member.data-protection.key is not set: sensitive fields are encrypted with the development "
                    + "key (never use this for real data)");
            return FieldProtection.fromBase64(DEVELOPMENT_KEY);
        }
        return FieldProtection.fromBase64(key);
    }

    @Bean
    MongoCustomConversions mongoCustomConversions(FieldProtection protection) {
        return MongoCustomConversions.create(adapter -> adapter.configurePropertyConversions(registrar -> {
            for (String field : new String[] { "idNumber", "phone", "address" }) {
                registrar.registerConverter(Member.class, field, String.class)
                        .writing(protection::encrypt)
                        .reading(protection::decrypt);
            }
            // the income the dues are assessed on; a number written before encryption is read as it is
            registrar.registerConverter(DuesBase.class, "monthlyIncomeFen", Long.class)
                    .writing(income -> (Object) protection.encrypt(Long.toString(income)))
                    .reading(stored -> stored instanceof String encrypted ? Long.valueOf(protection.decrypt(encrypted))
                            : Long.valueOf(((Number) stored).longValue()));
        }));
    }

    @Bean
    ReactiveBeforeConvertCallback<Member> idNumberDigest(FieldProtection protection) {
        return (member, collection) -> {
            member.recordIdNumberDigest(protection.digest(member.getIdNumber()));
            return Mono.just(member);
        };
    }
}
