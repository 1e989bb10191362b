"""The demo corpus as data: every article body, written for this project, with its metadata.

The files under ``examples/demo/`` are rendered from this list by ``build_demo.py``, and the
benchmark generator perturbs the same bodies, so the ground truth (which file copies which,
what the real date is) lives here in one place instead of being re-parsed from the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoArticle:
    key: str
    story: str  # which real-world story it belongs to
    site: str  # key into sites.SITES
    file: str  # output file name under examples/demo/ (shared by JSONL lines and WARC records)
    title: str
    author: str | None
    published: str | None  # ISO datetime with offset; None = undated page
    url: str
    paragraphs: tuple[str, ...] = ()
    body_from: str | None = None  # reuse another article's body (copies, reprints)
    drop_last: bool = False  # a reprint that trimmed the final paragraph
    today: str | None = "published"  # header "today" date: "published", an ISO date, or None
    encoding: str = "utf-8"  # txt/html byte encoding: utf-8, utf-8-sig, utf-16, windows-1252
    jsonl_html: bool = False  # JSONL line carries `html` instead of `text`
    jsonl_fields: tuple[str, ...] = ("url", "title", "published", "publisher")
    caption: str | None = None
    inline_related: str | None = None  # another story's headline dropped into the body
    cases: tuple[str, ...] = field(default_factory=tuple)


STORY_2015 = "russian-air-campaign-2015"
STORY_HAMADAN = "hamadan-airbase-2016"
STORY_OUAGA = "ouagadougou-attack-2016"

_WIRE_BODY = (
    "BEIRUT, Oct 1 (AFP) - Russian warplanes struck rebel positions in the northwestern "
    "provinces of Idlib and Hama on Thursday, a monitoring group said, as Washington and its "
    "allies questioned whether Moscow was going after the Islamic State group at all.",
    "The Syrian Observatory for Human Rights said the raids hit the area around Jisr "
    "al-Shughour in Idlib and the towns of Latamneh and Kafr Nabudah in northern Hama, where "
    "IS jihadists have no known presence.",
    "\"The strikes today fell on positions of the Army of Conquest, an alliance that includes "
    "Al-Nusra Front, and on a brigade backed by the West,\" Observatory director Rami "
    "Abdulrahman told AFP.",
    "In Moscow, defence ministry spokesman Igor Konashenkov said Sukhoi jets had flown eight "
    "sorties overnight and destroyed four IS targets, among them a command post and an "
    "ammunition depot near Idlib.",
    "Foreign Minister Sergei Lavrov, speaking in New York, said the campaign was aimed at "
    "\"the Islamic State and other terrorist groups\" and dismissed reports of civilian "
    "deaths as information warfare.",
    "The Observatory said 27 civilians died on the first day of strikes on Wednesday in Homs "
    "province, while local activists put the toll at 36. Moscow denied that any civilians "
    "were hurt.",
    "A US defence official said most of the strikes so far had hit areas held by other rebel "
    "groups rather than IS. Russia began its air campaign on Wednesday, hours after the upper "
    "house of parliament approved the use of force abroad.",
)

_HOMS_BODY = (
    "Russian warplanes carried out their first air strikes in Syria on Wednesday, hitting "
    "towns north of Homs in an area where opposition activists say the Islamic State group "
    "has no foothold.",
    "Local activists said 36 civilians, among them several children, were killed when bombs "
    "fell on Talbiseh, Rastan and Zafaraniyeh, a cluster of rebel-held towns on the highway "
    "between Homs and Hama.",
    "The Russian defence ministry said its aircraft had flown about 20 sorties and struck "
    "eight Islamic State positions, including weapons stores and command centres. It made no "
    "mention of casualties.",
    "Russia, which last year annexed Crimea from Ukraine, had spent weeks sending jets, tanks "
    "and troops to the Hmeimim air base near Latakia. The upper house of the Russian "
    "parliament voted unanimously on Wednesday morning to let President Vladimir Putin use "
    "force in Syria.",
    "Rami Abdulrahman, who heads the Britain-based Syrian Observatory for Human Rights, said "
    "the raids had killed at least 27 civilians. He said the towns were held by a mix of "
    "rebel factions, none of them linked to IS.",
    "Residents of Talbiseh described a column of smoke rising over the main market. \"We have "
    "never seen planes like these before,\" one man told the Monitor by phone.",
    "Washington said it had received one hour's notice from a Russian official in Baghdad. US "
    "officials said they would study where the bombs had landed before passing judgement.",
)

# Content-farm rewrite of _HOMS_BODY: synonym swaps, shuffled order, a sentence lifted from
# the AFP wire, and "He added" left without the speaker it referred to.
_HOMS_SPUN = (
    "The Russian Federation, which previous year annexed Crimea from Ukraine, had spent weeks "
    "dispatching jets, tanks and soldiers to the Hmeimim air base close to Latakia.",
    "Local activists stated 36 civilians, among them a number of youngsters, were slain when "
    "bombs dropped on Talbiseh, Rastan and Zafaraniyeh, a group of rebel-held towns on the "
    "motorway between Homs and Hama.",
    "Russian Federation warplanes conducted their initial air raids in Syria on Wednesday, "
    "striking towns north of Homs in a region where opposition activists state the Islamic "
    "State group has no foothold.",
    "He added that the towns were held by a mixture of rebel factions, none of them connected "
    "to IS.",
    "The Russian Federation defence ministry stated its aircraft had flown roughly 20 sorties "
    "and hit eight Islamic State positions, such as weapons stores and command centres.",
    "A US defence official said most of the strikes so far had hit areas held by other rebel "
    "groups rather than IS.",
    "Washington stated it had obtained one hour's notice from a Russian Federation official "
    "in Baghdad.",
)

ARTICLES: tuple[DemoArticle, ...] = (
    DemoArticle(
        key="a01-wire-meridian",
        story=STORY_2015,
        site="meridian",
        file="meridian-tribune_russian-jets-idlib-hama.txt",
        title="Russian jets hit rebel-held Idlib and Hama as West questions targets",
        author="AFP",
        published="2015-10-01T15:12:00+03:00",
        url="https://www.meridiantribune.com/world/middle-east/russian-jets-hit-idlib-hama",
        paragraphs=_WIRE_BODY,
        caption="Smoke rises after an air strike on the outskirts of Jisr al-Shughour, Idlib "
        "province. (AFP Photo)",
        inline_related="Saudi Arabia says Assad must go, warns of military option",
        cases=("wire-reprint",),
    ),
    DemoArticle(
        key="a02-wire-gulfledger",
        story=STORY_2015,
        site="gulfledger",
        file="gulfledger_russia-strikes-idlib.html",
        title="Russia strikes Idlib, Hama; US says IS not the main target",
        author="AFP",
        published="2015-10-01T18:40:00+04:00",
        url="https://gulfledger.net/news/region/2015/10/01/russia-strikes-idlib-hama",
        body_from="a01-wire-meridian",
        drop_last=True,
        today="2015-10-02",
        cases=("wire-reprint", "trimmed-final-paragraph"),
    ),
    DemoArticle(
        key="a03-homs-original",
        story=STORY_2015,
        site="levantmonitor",
        file="levant-monitor_first-russian-strikes-homs.txt",
        title="Russian air strikes kill dozens near Homs on first day of campaign, activists say",
        author="Nadia Haddad",
        published="2015-09-30T21:40:00+03:00",
        url="https://levantmonitor.org/2015/09/30/first-russian-strikes-homs/",
        paragraphs=_HOMS_BODY,
        caption="Residents inspect a damaged building in Talbiseh, north of Homs.",
        inline_related="Opinion: Europe's refugee deal is already unravelling",
        cases=("original-of-copy", "original-of-spun"),
    ),
    DemoArticle(
        key="a04-homs-copy",
        story=STORY_2015,
        site="frontline",
        file="frontline-dispatch_russian-strikes-homs-copy.txt",
        title="Russian air strikes kill dozens near Homs on first day of campaign, activists say",
        author="admin",
        published="2015-10-01T08:05:00+00:00",
        url="http://frontlinedispatch.info/russian-air-strikes-kill-dozens-near-homs/",
        body_from="a03-homs-original",
        encoding="utf-8-sig",
        caption="Residents inspect a damaged building in Talbiseh, north of Homs.",
        cases=("exact-copy", "utf-8-bom"),
    ),
    DemoArticle(
        key="a05-homs-spun",
        story=STORY_2015,
        site="newsflash",
        file="newsflash24_russian-federation-air-raids-homs.txt",
        title="Russian Federation air raids slay dozens near Homs on opening day of campaign",
        author="Staff Writer",
        published="2015-10-02T04:17:00+00:00",
        url="https://newsflash24.net/world/russian-federation-air-raids-slay-dozens-homs",
        paragraphs=_HOMS_SPUN,
        inline_related="Ten celebrity diets doctors say you should never try",
        cases=("spun-rewrite", "stitched-sentence"),
    ),
    DemoArticle(
        key="a06-lavrov",
        story=STORY_2015,
        site="easterncourier",
        file="eastern-courier_lavrov-terrorists-not-civilians.html",
        title="Lavrov: Russian jets target 'terrorists', not civilians",
        author="Mikhail Orlov",
        published="2015-10-01T18:05:00+03:00",
        url="https://www.easterncourier.com/politics/lavrov-russian-jets-target-terrorists",
        paragraphs=(
            "MOSCOW — Russian Foreign Minister Sergei Lavrov on Thursday rejected Western "
            "accusations that Russian aircraft were bombing moderate rebels and civilians in "
            "Syria, saying Moscow was hitting the same groups as the US-led coalition.",
            "\"We are targeting the Islamic State, Jabhat al-Nusra and other terrorist "
            "groups,\" Lavrov told reporters at the United Nations, adding that claims of "
            "civilian deaths had not been backed by any evidence.",
            "At the defence ministry, Major General Igor Konashenkov told a briefing that "
            "Su-34 and Su-24M bombers had flown 18 sorties since Wednesday and hit 12 IS "
            "facilities, including a command centre in Hama province and an arms depot near "
            "Idlib.",
            "\"The strikes were carried out only after aerial reconnaissance confirmed the "
            "targets,\" Konashenkov said. He said residential areas had been avoided.",
            "The Syrian Observatory for Human Rights, which relies on a network of activists "
            "inside the country, has said at least 27 civilians died on the first day of "
            "strikes near Homs. Its director, Rami Abdulrahman, said on Thursday that the new "
            "raids in Idlib province had killed more than 30 fighters from the Army of "
            "Conquest.",
            "The Kremlin said President Vladimir Putin had spoken by telephone with French "
            "President Francois Hollande, and that military contacts with Washington on "
            "avoiding incidents in the air would continue.",
        ),
        caption="Sergei Lavrov speaks to reporters in New York.",
        cases=("html-metadata",),
    ),
    DemoArticle(
        key="a07-caspian-denial",
        story=STORY_2015,
        site="caspian",
        file="crawl-2015-10.warc.gz",
        title="Moscow denies its Caspian cruise missiles crashed in Iran",
        author="Daniel Weiss",
        published="2015-10-09T11:30:00+03:00",
        url="https://caspianobserver.com/2015/10/09/moscow-denies-cruise-missiles-crashed-iran",
        paragraphs=(
            "Russia on Thursday rejected reports that several of the cruise missiles it fired "
            "at Syria from the Caspian Sea this week had fallen short and crashed in Iran.",
            "US officials told American media that at least four of the 26 Kalibr missiles "
            "launched on Wednesday had come down on Iranian territory. Igor Konashenkov, the "
            "Russian defence ministry spokesman, said every missile had reached its target "
            "and called the reports groundless.",
            "Four ships of the Caspian Flotilla fired the missiles early on Wednesday at 11 "
            "targets in Raqqa, Aleppo and Idlib provinces, according to Defence Minister "
            "Sergei Shoigu. The missiles flew about 1,500 km across Iran and Iraq.",
            "Iran's government also denied that any missile had landed on its soil.",
            "The Syrian Observatory for Human Rights said Russian jets on Thursday again "
            "struck the countryside of Hama, where government troops had begun a ground "
            "offensive near Latamneh and Kafr Zita a day earlier. It counted at least twelve "
            "civilian deaths over two days.",
        ),
        cases=("warc", "denial"),
    ),
    DemoArticle(
        key="a08-deir-ezzor",
        story=STORY_2015,
        site="euphrates",
        file="crawl-2015-10.warc.gz",
        title="Russian raids on Deir al-Zor kill more than 30 IS fighters, monitor says",
        author="Omar Khalil",
        published="2015-10-14T13:00:00+03:00",
        url="https://euphratespost.com/news/russian-raids-deir-al-zor-is-fighters",
        paragraphs=(
            "Russian jets struck Islamic State positions in the eastern province of Deir "
            "al-Zor on Tuesday, killing more than 30 fighters, the Syrian Observatory for "
            "Human Rights said.",
            "The strikes hit an IS checkpoint and a training camp on the edge of the city of "
            "Deir ez-Zor, where a besieged government garrison has held out against the "
            "jihadists for more than a year, the Observatory said.",
            "\"At least 33 IS members were killed and dozens were wounded,\" Rami Abdulrahman "
            "said, adding that four civilians, including a woman, had died in a nearby village.",
            "The Russian defence ministry said Su-24 bombers had destroyed an IS command post "
            "and a fuel depot near Deir ez-Zor, without mentioning casualties. It said its "
            "aircraft had flown 88 sorties over 24 hours, hitting targets in Raqqa, Hama, "
            "Idlib, Latakia, Aleppo and Deir ez-Zor provinces.",
            "Activists from the province said residents had fled the eastern districts of the "
            "city after the strikes. The claims could not be independently verified.",
        ),
        cases=("warc", "place-variants"),
    ),
    DemoArticle(
        key="a09-raqqa",
        story=STORY_2015,
        site="crescent",
        file="crawl-2015-10.warc.gz",
        title="Russian jets bomb IS stronghold Raqqa as campaign widens",
        author="Lina Saad",
        published="2015-10-03T09:45:00+03:00",
        url="https://crescenttimes.net/middle-east/russian-jets-bomb-raqqa",
        paragraphs=(
            "Russian aircraft bombed the Islamic State group's de facto capital of Raqqa on "
            "Friday night, Moscow said, in the first strikes of its Syrian campaign to reach "
            "the heart of the jihadists' territory.",
            "Defence ministry spokesman Igor Konashenkov said Su-34 and Su-24M jets had flown "
            "18 sorties over the past day and destroyed a command post and an underground "
            "arms depot near Raqa, as well as a training camp.",
            "Activists in the city, which IS has held since early last year, said the raids "
            "hit IS bases on the western outskirts. The Syrian Observatory for Human Rights "
            "said at least twelve jihadists were killed.",
            "The strikes came as Turkey, France, Britain, the United States and three Gulf "
            "states urged Moscow to stop hitting the Syrian opposition and civilians and to "
            "concentrate on IS.",
            "A senior Russian lawmaker said on Thursday that the campaign could last three to "
            "four months.",
        ),
        cases=("warc", "place-variants"),
    ),
    DemoArticle(
        key="a10-hama-undated",
        story=STORY_2015,
        site="worldbrief",
        file="worldbrief_civilians-caught-hama-offensive.txt",
        title="Civilians caught as Syrian army pushes north under Russian air cover",
        author=None,
        published=None,
        url="https://worldbrief.news/civilians-caught-hama-offensive",
        paragraphs=(
            "Syrian government forces, backed by Russian air strikes, pushed into rebel-held "
            "villages in the northern countryside of Hama on Tuesday, in the first major "
            "ground assault since Moscow joined the war.",
            "Dozens of people were killed on both sides, according to activists, and hundreds "
            "of families fled north towards the Turkish border along the road to Idlib.",
            "Rebels from several factions said they destroyed at least eight army tanks with "
            "anti-tank missiles near Kafr Nabudah and Latamneh.",
            "\"The planes came first, then the artillery, then the tanks,\" said a teacher "
            "from Kafr Zita who reached Idlib province yesterday. \"There is nothing left of "
            "my street.\"",
            "The Syrian Observatory for Human Rights said Russian jets had carried out more "
            "than 30 raids on the area in a single day.",
            "Damascus says it is fighting terrorists backed by foreign governments. The rebels "
            "say they are defending their towns.",
        ),
        today=None,
        inline_related="Why your phone battery dies faster in winter",
        cases=("undated",),
    ),
    DemoArticle(
        key="a11-carter",
        story=STORY_2015,
        site="atlantic",
        file="feeds-2015.jsonl",
        title="Pentagon chief says Russia is 'pouring gasoline on the fire' in Syria",
        author="Rachel Stone",
        published="2015-09-30T23:10:00+00:00",
        url="https://atlanticdaily.com/2015/09/30/carter-russia-syria-gasoline",
        paragraphs=(
            "US Defense Secretary Ash Carter said on Wednesday that Russia's first air strikes "
            "in Syria appeared to have hit areas where the Islamic State group was not "
            "present, and warned that Moscow's approach would fail.",
            "Carter said that backing President Bashar al-Assad while fighting everyone who "
            "opposed him amounted to \"pouring gasoline on the fire\". He said US and Russian "
            "military officers would talk within days to avoid accidents in the skies over "
            "Syria.",
            "Secretary of State John Kerry met Foreign Minister Sergei Lavrov at the United "
            "Nations in New York late on Wednesday. Kerry said Washington would have grave "
            "concerns if Russia struck groups other than IS and al-Qaeda affiliates.",
            "A Russian general told the US embassy in Baghdad about an hour before the strikes "
            "began that Russian aircraft would start flying missions and asked American planes "
            "to stay out of Syrian airspace, US officials said.",
            "The Kremlin said the operation was legal because Assad had asked for help.",
        ),
        cases=("jsonl-full-metadata",),
    ),
    DemoArticle(
        key="a12-turkey-airspace",
        story=STORY_2015,
        site="bosphorus",
        file="feeds-2015.jsonl",
        title="Turkey summons Russian envoy after jet violates its airspace",
        author=None,
        published="2015-10-05",
        url="https://bosphorusherald.com/turkey-summons-russian-envoy-airspace",
        paragraphs=(
            "Turkey summoned Russia's ambassador in Ankara on Monday to protest after a "
            "Russian warplane crossed into Turkish airspace near the Syrian border on "
            "Saturday, and warned that Moscow would be responsible for any incident.",
            "The Turkish foreign ministry said two Turkish F-16 jets intercepted the Russian "
            "aircraft over the southern province of Hatay and forced it to turn back into "
            "Syria.",
            "NATO Secretary General Jens Stoltenberg called the incursion unacceptable. The "
            "Russian embassy said the plane had strayed for a few seconds because of bad "
            "weather.",
            "Russia has been bombing targets in Syria since last Wednesday. Its defence "
            "ministry said on Monday that its jets had flown more than 20 sorties in the past "
            "day and hit nine IS sites, including near Raqqa.",
        ),
        jsonl_fields=("url", "published"),
        cases=("jsonl-partial-metadata",),
    ),
    DemoArticle(
        key="a13-hollande-cp1252",
        story=STORY_2015,
        site="courrier",
        file="courrier-dorient_hollande-putin-syria.htm",
        title="Hollande urges Putin to strike only Islamic State in Syria",
        author="Hélène Mercier",
        published="2015-10-03T08:30:00+02:00",
        url="https://en.courrierdorient.fr/monde/hollande-putin-syrie.htm",
        paragraphs=(
            "PARIS — French President François Hollande told Vladimir Putin on Friday that "
            "Russian air strikes in Syria must be aimed at the Islamic State group “and only "
            "at it”, after three days of raids that Western capitals say have mostly hit "
            "other rebels.",
            "The two leaders met at the Élysée palace with German Chancellor Angela Merkel "
            "and Ukrainian President Petro Poroshenko, in talks that were meant to be about "
            "the war in eastern Ukraine.",
            "Hollande said Syria’s president, Bashar al-Assad, could not be part of the "
            "country’s future — a position Moscow rejects.",
            "In Syria, the Syrian Observatory for Human Rights said Russian jets struck the "
            "area around Jisr al-Shughour in Idlib province and the town of Talbiseh again on "
            "Friday. The monitor said at least 39 civilians had been killed since the "
            "campaign began on Wednesday.",
            "The Russian defence ministry said it had hit more than 50 IS targets since the "
            "start of its operation, including the group’s stronghold in Raqqa, and that it "
            "had no plans to stop.",
        ),
        encoding="windows-1252",
        caption="François Hollande and Vladimir Putin at the Élysée.",
        cases=("windows-1252",),
    ),
    DemoArticle(
        key="b01-hamadan-todaydate",
        story=STORY_HAMADAN,
        site="sentinel",
        file="daily-sentinel_russian-bombers-iran-base.txt",
        title="Russian bombers strike Syria from Iranian air base for first time",
        author="Tom Reyes",
        published="2016-08-16T19:20:00+01:00",
        url="https://www.dailysentinel.co.uk/world/russian-bombers-iran-base",
        paragraphs=(
            "Russian long-range bombers took off from an air base in Iran on Tuesday to strike "
            "targets in Syria, the first time Moscow has used the territory of another country "
            "in the region for its campaign.",
            "The defence ministry in Moscow said Tupolev Tu-22M3 bombers and Sukhoi Su-34 "
            "fighter-bombers flying from the Hamadan air base hit Islamic State and Nusra "
            "Front positions in the provinces of Aleppo, Idlib and Deir ez-Zor.",
            "It said the strikes destroyed five large arms depots, three command posts and "
            "training camps near the towns of Saraqeb and al-Bab, and killed a large number "
            "of militants.",
            "Flying from Hamadan in western Iran cuts flight times sharply compared with bases "
            "in southern Russia, which the heavy bombers had used until now.",
            "Ali Shamkhani, the secretary of Iran's Supreme National Security Council, was "
            "quoted by Iranian media as saying Tehran and Moscow were sharing their facilities "
            "in the fight against terrorism.",
            "The Syrian Observatory for Human Rights said air strikes on rebel-held parts of "
            "Aleppo city killed at least 19 civilians on Tuesday, but could not say whether "
            "Russian or Syrian jets had carried them out.",
        ),
        today="2016-11-19",
        caption="A Tu-22M3 long-range bomber on the runway at Hamadan, Iran.",
        inline_related="Britain's Brexit minister sets out trade priorities",
        cases=("today-date-differs",),
    ),
    DemoArticle(
        key="b02-hamadan-day2",
        story=STORY_HAMADAN,
        site="gulfledger",
        file="gulfledger_russian-jets-iran-second-day.html",
        title="Russian jets fly from Iran for second day, hit Deir al-Zor",
        author="Karim Nasser",
        published="2016-08-17T20:15:00+04:00",
        url="https://gulfledger.net/news/region/2016/08/17/russian-jets-iran-second-day",
        paragraphs=(
            "Russian Su-34 bombers flew from Iran's Hamadan air base for a second day on "
            "Wednesday and struck Islamic State targets in Syria's eastern Deir al-Zor "
            "province, the Russian defence ministry said.",
            "The ministry said the raids destroyed two command centres and an arms depot and "
            "killed more than 150 militants, a figure that could not be verified.",
            "Russian Foreign Minister Sergei Lavrov said the use of the Iranian base did not "
            "breach a UN Security Council resolution restricting arms supplies to Iran, "
            "because no aircraft were being sold or handed over to Tehran.",
            "The Syrian Observatory for Human Rights said Russian strikes on villages near "
            "Deir ez-Zor city killed at least 12 civilians, including three children. The "
            "Observatory's head, Rami Abdulrahman, said most of the dead came from one family.",
            "Iran's parliament speaker Ali Larijani said on Wednesday that Russia had not been "
            "given a military base in Iran and that the cooperation was limited.",
        ),
        cases=("html-metadata", "place-variants"),
    ),
    DemoArticle(
        key="b03-iran-ends",
        story=STORY_HAMADAN,
        site="crescent",
        file="crawl-2016-08.warc.gz",
        title="Iran says Russia has stopped using Hamadan base, for now",
        author="Lina Saad",
        published="2016-08-22T17:00:00+03:00",
        url="https://crescenttimes.net/middle-east/iran-russia-stopped-hamadan-base",
        paragraphs=(
            "Iran said on Monday that Russia had stopped flying bombing missions from an "
            "Iranian air base for the time being, a week after Moscow's announcement of the "
            "deployment caused a political storm in Tehran.",
            "Foreign ministry spokesman Bahram Ghasemi told a news conference that Russia had "
            "no base in Iran and that the mission had been temporary. \"It is finished for "
            "now,\" he said.",
            "Defence Minister Hossein Dehghan accused Moscow of showing off and of betraying "
            "Iran's trust by publicising the flights. Several members of parliament had argued "
            "that hosting foreign forces broke the constitution.",
            "In Moscow, the defence ministry said the aircraft had completed their tasks and "
            "that further use of the base would depend on the situation in Syria.",
            "Russian jets flying from Hamadan struck targets in the Aleppo, Idlib and Deir "
            "ez-Zor provinces between Tuesday and Thursday last week, according to Moscow.",
        ),
        cases=("warc",),
    ),
    DemoArticle(
        key="b04-us-reaction",
        story=STORY_HAMADAN,
        site="atlantic",
        file="crawl-2016-08.warc.gz",
        title="US calls Russian use of Iran base 'unfortunate but not surprising'",
        author="Rachel Stone",
        published="2016-08-16T21:00:00+00:00",
        url="https://atlanticdaily.com/2016/08/16/us-russia-iran-base-unfortunate",
        paragraphs=(
            "The United States said on Tuesday that Russia's decision to fly bombers out of "
            "Iran was unfortunate but not surprising, and that it was studying whether the "
            "move broke a UN ban on supplying Iran with combat aircraft.",
            "State Department spokesman Mark Toner told reporters that Washington was looking "
            "at whether it violated UN Security Council Resolution 2231, which endorsed the "
            "nuclear deal with Iran and restricts arms transfers to the country.",
            "Toner said Russia had notified the US-led coalition shortly before the strikes, "
            "but not about the use of the Iranian base.",
            "The Russian defence ministry said its Tu-22M3 and Su-34 bombers had hit five arms "
            "depots and several command posts in Aleppo, Idlib and Deir ez-Zor provinces.",
        ),
        cases=("warc",),
    ),
    DemoArticle(
        key="b05-iran-confirms-html",
        story=STORY_HAMADAN,
        site="caspian",
        file="feeds-2016.jsonl",
        title="Iran confirms it lets Russian bombers use Hamadan air base",
        author="Daniel Weiss",
        published="2016-08-16T16:45:00+03:00",
        url="https://caspianobserver.com/2016/08/16/iran-confirms-russian-bombers-hamadan",
        paragraphs=(
            "Iran confirmed on Tuesday that it was allowing Russian warplanes to use an air "
            "base near the western city of Hamadan, in a sign of deepening military "
            "cooperation between the two allies of Syrian President Bashar al-Assad.",
            "Ali Shamkhani, secretary of the Supreme National Security Council, said the two "
            "countries were cooperating strategically against terrorism in Syria and shared "
            "their facilities for that purpose, according to the state news agency IRNA.",
            "Russia's defence ministry said earlier that Tu-22M3 long-range bombers and Su-34 "
            "strike fighters based at Hamadan had hit targets in three Syrian provinces, "
            "killing a large number of fighters.",
            "It was the first time since the 1979 Islamic revolution that Iran had allowed a "
            "foreign military to operate from its soil.",
        ),
        jsonl_html=True,
        cases=("jsonl-html",),
    ),
    DemoArticle(
        key="b06-hamadan-day3-utf16",
        story=STORY_HAMADAN,
        site="levantmonitor",
        file="levant-monitor_third-day-raids-from-iran.txt",
        title="Third day of Russian raids from Iran hits Aleppo and Deir ez-Zor",
        author="Nadia Haddad",
        published="2016-08-18T22:10:00+03:00",
        url="https://levantmonitor.org/2016/08/18/third-day-russian-raids-iran/",
        paragraphs=(
            "Russian bombers based in Iran carried out strikes in Syria for a third day in a "
            "row on Thursday, the defence ministry in Moscow said, hitting targets around "
            "Aleppo and Deir ez-Zor.",
            "Spokesman Igor Konashenkov said Su-34 jets had destroyed a large IS command post "
            "and several fuel stores near Deir ez-Zor. He said all targets had been hit.",
            "The Syrian Observatory for Human Rights reported that at least 22 civilians had "
            "died in air strikes on rebel-held districts of Aleppo and on the town of Atarib "
            "in the previous 24 hours. Rami Abdulrahman said it was not clear which air force "
            "was responsible.",
            "Russia also said it was ready to back a 48-hour humanitarian pause in Aleppo next "
            "week, as the United Nations had asked, provided aid convoys could travel safely.",
        ),
        encoding="utf-16",
        caption="A Su-34 fighter-bomber lands after a mission over Syria.",
        cases=("utf-16",),
    ),
    DemoArticle(
        key="c01-ouaga-siege",
        story=STORY_OUAGA,
        site="sahel",
        file="sahel-weekly_ouagadougou-hotel-siege-ends.txt",
        title="Burkina Faso: security forces end hotel siege in Ouagadougou",
        author="Awa Traoré",
        published="2016-01-16T14:00:00+00:00",
        url="https://sahelweekly.com/burkina-faso-ouagadougou-hotel-siege-ends",
        paragraphs=(
            "Burkinabe and French special forces ended an overnight siege at the Splendid "
            "Hotel in central Ouagadougou on Saturday, after jihadist gunmen stormed the hotel "
            "and a nearby café, killing at least 23 people.",
            "Security Minister Simon Compaoré said 126 people were freed, 33 of them wounded. "
            "Officials said three attackers were killed, and that two of them were women.",
            "Al-Qaeda in the Islamic Maghreb claimed the attack in a statement, saying it was "
            "carried out by the Al-Mourabitoun group.",
            "The victims came from at least 18 countries. The Cappuccino café across the "
            "street, popular with foreigners, was set on fire.",
            "President Roch Marc Christian Kaboré, who took office only weeks earlier, "
            "declared three days of national mourning.",
        ),
        caption="Smoke rises from the Splendid Hotel in Ouagadougou.",
        inline_related="Africa Cup of Nations: hosts name final squad",
        cases=("unrelated-story",),
    ),
    DemoArticle(
        key="c02-ouaga-toll",
        story=STORY_OUAGA,
        site="africadesk",
        file="feeds-2016.jsonl",
        title="Death toll in Ouagadougou attack rises to 29",
        author=None,
        published="2016-01-18T10:30:00+00:00",
        url="https://africadesk.org/burkina/ouagadougou-toll-rises-29",
        paragraphs=(
            "The death toll from Friday's attack on a hotel and café in Burkina Faso's "
            "capital rose to 29 on Sunday, the government said, as investigators searched "
            "for accomplices.",
            "The dead included six Canadians, two French citizens, two Swiss women and an "
            "American, according to officials in their countries.",
            "Prosecutors said the three gunmen were young men, contradicting earlier reports "
            "that two of the attackers were women.",
            "President Roch Marc Christian Kaboré visited the wounded in hospital and said the "
            "country would not give in to terror.",
        ),
        jsonl_fields=("title",),
        cases=("unrelated-story", "numeric-contradiction"),
    ),
)

BY_KEY: dict[str, DemoArticle] = {article.key: article for article in ARTICLES}


def body_of(article: DemoArticle) -> tuple[str, ...]:
    """The paragraphs a page shows, following copies and reprints back to their source."""
    paragraphs = BY_KEY[article.body_from].paragraphs if article.body_from else article.paragraphs
    return paragraphs[:-1] if article.drop_last else paragraphs
