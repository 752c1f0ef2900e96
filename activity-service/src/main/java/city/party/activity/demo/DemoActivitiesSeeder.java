package city.party.activity.demo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import city.party.activity.activity.application.ActivityService;
import city.party.activity.activity.domain.Activity;
import city.party.activity.activity.domain.ActivityPlan;
import city.party.activity.activity.domain.Attendance;
import city.party.activity.activity.domain.Attendee;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Demo activities for the demo city ({@code activity.demo-data.enabled=true}, set by
 * {@code ./platform up}): once the read model has the demo branches and their members (they arrive
 * as member-service events), every branch gets a November committee meeting and theme party day
 * (held, attendance and record), every second branch a Q4 general meeting, and a party lesson
 * planned for December — so compliance shows MET, DUE and a mix across the tree. Runs only while
 * there are no activities at all, through the same use cases a secretary uses.
 */
@Component
@ConditionalOnProperty(name = "activity.demo-data.enabled", havingValue = "true")
class DemoActivitiesSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoActivitiesSeeder.class);
    private static final CallerScope SEEDER = new CallerScope("demo-seeder", "demo-seeder",
            Set.of(Roles.COMMITTEE_ADMIN), List.of("/city"), List.of());

    private final ReactiveMongoTemplate mongo;
    private final ActivityService activities;

    private final List<String> demoUnits;

    DemoActivitiesSeeder(ReactiveMongoTemplate mongo, ActivityService activities,
            @org.springframework.beans.factory.annotation.Value("${activity.demo-data.units}") List<String> demoUnits) {
        this.mongo = mongo;
        this.activities = activities;
        this.demoUnits = List.copyOf(demoUnits);
    }

    /** Whether an organisation path lies in one of the demo city's units (/city/unit-a/…). */
    boolean inDemoCity(String path) {
        return path != null && demoUnits.stream().anyMatch(unit -> path.startsWith("/city/" + unit + "/"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedWhenTheDemoCityHasArrived() {
        AtomicLong lastMembers = new AtomicLong(-1);
        // Members keep arriving for a while: wait until their number stops changing between polls.
        Flux.interval(Duration.ofSeconds(5), Duration.ofSeconds(10)).take(Duration.ofMinutes(15))
                .concatMap(tick -> Mono.zip(mongo.count(new Query(), Activity.class),
                        mongo.count(Query.query(where("type").is("BRANCH")), "organizations"),
                        mongo.count(new Query(), "members")).map(t -> {
                            boolean settled = t.getT3() > 0 && t.getT3() == lastMembers.getAndSet(t.getT3());
                            return t.getT1() > 0 ? "done" : t.getT2() > 0 && settled ? "seed" : "wait";
                        }).onErrorReturn("wait"))
                .filter(state -> !state.equals("wait")).next()
                .flatMap(state -> state.equals("seed") ? seed() : Mono.just(0))
                .subscribe(count -> {
                    if (count > 0) {
                        log.info("demo activities seeded: {}", count);
                    }
                }, e -> log.warn("demo activities not seeded: {}", e.toString()));
    }

    Mono<Integer> seed() {
        Query branches = Query.query(where("type").is("BRANCH").and("dissolvedAt").is(null)).with(Sort.by("path"));
        return mongo.find(branches, Document.class, "organizations").filter(d -> inDemoCity(d.getString("path")))
                .map(d -> d.getString("_id")).collectList()
                .flatMapMany(ids -> Flux.range(0, ids.size()).map(i -> new Object[] { i, ids.get(i) }))
                .concatMap(pair -> seedBranch((Integer) pair[0], (String) pair[1])).reduce(0, Integer::sum);
    }

    private Mono<Integer> seedBranch(int index, String branch) {
        Mono<Integer> committee = held(branch, "branch-committee-meeting", "研究部署11月份支部工作",
                "2026-11-05T09:00:00+08:00", "支部委员会会议：传达上级精神，研究11月份重点工作。");
        Mono<Integer> themeDay = held(branch, "theme-party-day", "主题党日：重温入党誓词",
                "2026-11-12T14:30:00+08:00", "全体党员重温入党誓词，开展志愿服务。");
        Mono<Integer> general = index % 2 == 0 ? held(branch, "branch-general-meeting", "第四季度支部党员大会",
                "2026-10-22T15:00:00+08:00", "通报支部工作，讨论接收预备党员事项。") : Mono.just(0);
        Mono<Integer> lesson = activities.plan(new ActivityPlan("party-lesson", List.of(branch),
                "书记讲党课：学习贯彻党的二十届四中全会精神", OffsetDateTime.parse("2026-12-03T09:00:00+08:00").toInstant(),
                OffsetDateTime.parse("2026-12-03T11:00:00+08:00").toInstant(), "党员活动室"), SEEDER).thenReturn(1);
        return Flux.concat(committee, themeDay, general, lesson).reduce(0, Integer::sum)
                .onErrorResume(e -> {
                    log.warn("demo activities for {} not seeded: {}", branch, e.toString());
                    return Mono.just(0);
                });
    }

    /** Planned, held, attendance taken (one member on leave, one absent), recorded. */
    private Mono<Integer> held(String branch, String kind, String topic, String startsAt, String minutes) {
        OffsetDateTime start = OffsetDateTime.parse(startsAt);
        return activities.plan(new ActivityPlan(kind, List.of(branch), topic, start.toInstant(),
                start.plusHours(2).toInstant(), "党员活动室"), SEEDER)
                .flatMap(a -> activities.hold(a.getId(), SEEDER))
                .flatMap(a -> {
                    List<Activity.AttendanceEntry> entries = new ArrayList<>();
                    List<Attendee> attendees = a.getAttendees();
                    for (int i = 0; i < attendees.size(); i++) {
                        Attendance attendance = i == 1 ? Attendance.ON_LEAVE : i == 2 && attendees.size() > 5
                                ? Attendance.ABSENT : Attendance.PRESENT;
                        entries.add(new Activity.AttendanceEntry(attendees.get(i).memberId(), attendance,
                                attendance == Attendance.ON_LEAVE ? "因公出差" : null));
                    }
                    return entries.isEmpty() ? Mono.just(a)
                            : activities.recordAttendance(a.getId(), entries, SEEDER);
                })
                .flatMap(a -> activities.record(a.getId(), minutes, null, SEEDER)).thenReturn(1);
    }
}
