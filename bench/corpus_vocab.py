"""Word lists and sentence templates for the benchmark corpus (data only, no logic).

Sentence templates hold ``{slot}`` names that ``corpus.py`` fills, each occurrence on its own.
Topics give every article its own vocabulary, so that articles do not all read alike.
"""

from __future__ import annotations

# fmt: off

FIRST_NAMES = (
    "Aigerim", "Aron", "Assem", "Bakytzhan", "Dana", "Dariga", "Daniyar", "Galym", "Gulnara",
    "Yerlan", "Zhanna", "Marat", "Nurlan", "Saule", "Timur", "Aliya", "Askar", "Yevgeny", "Olga",
    "Sergei", "Natalia", "Dmitry", "Irina", "Anna", "James", "Sarah", "Michael", "Laura", "Peter",
    "Joanna", "Farkhod", "Dilnoza", "Bektur", "Aizada", "Rustam", "Kamila", "Ruslan", "Madina",
)
SURNAMES = (
    "Atabek", "Zhapisheva", "Sarsenbay", "Toregozhina", "Nurpeisov", "Abenov", "Kuanyshev",
    "Ibraimova", "Seitkali", "Tulegenov", "Akhmetova", "Baimukhanov", "Ivanov", "Petrova",
    "Sokolov", "Kuznetsova", "Volkov", "Lillis", "Putz", "Harrison", "Mitchell", "Brennan",
    "Yusupov", "Karimova", "Mamatov", "Osmonova", "Dzhumabaev", "Kassymova", "Orazbayev",
    "Zhakupov", "Smagulova", "Yermekov", "Bekova", "Rakhimov", "Lee", "Fischer",
)
ROLES = (
    "a spokesperson for the ministry", "the deputy finance minister",
    "an economist at Halyk Finance", "a rights campaigner", "the mayor of the city",
    "a senior analyst at the Central Asia Institute",
    "a lawyer representing the family", "the head of the regional health department",
    "a member of parliament", "an independent energy consultant", "a local farmer",
    "the chief executive of the company", "a researcher at Nazarbayev University",
    "a retired schoolteacher", "the director of the local museum", "a union organizer",
    "a former diplomat", "a professor of political science", "the regional governor",
)
TITLES = ("Dr.", "Mr.", "Ms.", "Gen.", "Prof.", "Sen.")
PLACES = (
    "Almaty", "Astana", "Shymkent", "Karaganda", "Aktau", "Atyrau", "Pavlodar", "Semey",
    "Bishkek", "Osh", "Tashkent", "Samarkand", "Dushanbe", "Ashgabat", "Moscow", "St. Petersburg",
    "Novosibirsk", "Tbilisi", "Baku", "Yerevan", "Istanbul", "Brussels", "Washington", "Beijing",
    "Urumqi", "Ust-Kamenogorsk", "Taraz", "Kyzylorda", "Zhanaozen", "Aktobe",
)
COUNTRIES = (
    "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan", "Russia", "China",
    "Georgia", "Azerbaijan", "Armenia", "Turkey", "Mongolia", "the U.S.", "the U.K.",
)
ORGS = (
    "the National Bank", "the Ministry of Energy", "the U.S. State Department", "the IMF",
    "the World Bank", "the EBRD", "the U.N. refugee agency", "Human Rights Watch",
    "Amnesty International", "the Eurasian Economic Union", "the Prosecutor General’s Office",
    "the Supreme Court", "the statistics bureau", "the Ministry of Health", "the city council",
    "the Agency for Financial Monitoring", "the Chamber of Entrepreneurs", "Kazakhstan Temir Zholy",
    "the Asian Development Bank", "the OSCE", "Transparency International", "the Senate",
)
OUTLETS = (
    "Eurasianet", "The Moscow Times", "Radio Azattyk", "Kursiv", "Vlast", "Tengrinews", "Reuters",
    "the Associated Press", "Kloop", "Orda.kz", "The Diplomat", "Interfax",
)
DOMAINS = (
    "eurasianet.org", "www.themoscowtimes.com", "rus.azattyq.org", "kursiv.media", "vlast.kz",
    "tengrinews.kz", "www.reuters.com", "kloop.kg", "orda.kz", "www.gov.kz", "www.hrw.org",
    "stat.gov.kz", "www.imf.org", "www.facebook.com", "twitter.com", "t.me",
)
MONTHS = (
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
)
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
LOCAL_WORDS = ("akim", "aul", "kurultai", "maslikhat", "zhailau", "toi", "aksakal", "shanyrak")

# Each topic: things it talks about, what happens to them, who is affected, why it matters.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "energy": {
        "thing": (
            "oil output", "the Tengiz field", "gas exports", "the coal-fired power plant",
            "electricity tariffs", "the new pipeline", "liquefied gas prices", "uranium production",
            "the wind farm", "fuel subsidies", "the refinery upgrade", "the heating network",
        ),
        "group": ("drivers", "households", "oil workers", "residents", "small businesses"),
        "event": ("a fuel shortage", "a blackout", "a strike at the oil field", "a price cap"),
        "headline": (
            "Fuel Prices Climb Again", "Energy Exports Hit a Record",
            "Blackouts Spread in the North",
            "Oil Workers Demand Higher Pay", "Government Freezes Gas Prices",
        ),
    },
    "economy": {
        "thing": (
            "inflation", "the tenge", "the budget deficit", "retail lending", "the base rate",
            "food prices", "foreign investment", "the sovereign wealth fund", "wheat exports",
            "mortgage rates", "remittances from Russia", "the grain harvest",
        ),
        "group": ("pensioners", "borrowers", "exporters", "farmers", "families", "migrants"),
        "event": ("a currency devaluation", "a rate hike", "a trade dispute", "a bank run"),
        "headline": (
            "Central Bank Raises Rates", "Tenge Slides Against the Dollar",
            "Inflation Eases Slightly",
            "Budget Gap Widens", "Farmers Count the Cost of a Dry Summer",
        ),
    },
    "rights": {
        "thing": (
            "the trial", "the appeal", "the new law on public assemblies", "the prison sentence",
            "the investigation", "the ban on the opposition party", "press freedom",
            "the petition", "the hunger strike", "the parole decision", "the court ruling",
        ),
        "group": ("activists", "journalists", "relatives", "lawyers", "protesters", "prisoners"),
        "event": ("a wave of arrests", "a rally", "a closed-door hearing", "a police raid"),
        "headline": (
            "Activist Jailed After Protest", "Court Upholds Sentence", "Journalists Face New Curbs",
            "Political Prisoner Released", "Rights Groups Condemn Crackdown",
        ),
    },
    "health": {
        "thing": (
            "the vaccination campaign", "hospital capacity", "the measles outbreak",
            "medicine prices", "the new clinic", "the health insurance scheme", "doctors’ salaries",
            "the tuberculosis program", "ambulance response times", "the hospital budget",
        ),
        "group": ("patients", "nurses", "doctors", "parents", "rural residents"),
        "event": ("an outbreak", "a shortage of drugs", "a strike by nurses", "a hospital fire"),
        "headline": (
            "Measles Cases Rise", "Hospitals Run Short of Beds", "Nurses Walk Out Over Pay",
            "New Clinic Opens in the Steppe", "Drug Prices Under Scrutiny",
        ),
    },
    "environment": {
        "thing": (
            "the Aral Sea", "air pollution", "the water supply", "the glacier", "the steppe fires",
            "the saiga population", "the landfill", "Lake Balkhash", "irrigation canals",
            "the national park", "the dust storms", "the recycling program",
        ),
        "group": ("herders", "residents", "scientists", "fishermen", "volunteers"),
        "event": ("a flood", "a drought", "a wildfire", "a toxic spill"),
        "headline": (
            "Smog Chokes the City", "Saiga Numbers Recover", "Drought Hits Southern Farms",
            "Lake Levels Fall to a New Low", "Floods Force Thousands From Homes",
        ),
    },
    "technology": {
        "thing": (
            "the mobile network", "internet shutdowns", "the digital ID system", "crypto mining",
            "the e-government portal", "the data center", "the satellite launch",
            "5G coverage", "online banking", "the startup hub", "cybersecurity rules",
        ),
        "group": ("users", "developers", "students", "entrepreneurs", "subscribers"),
        "event": ("an outage", "a data leak", "a hacking attack", "a funding round"),
        "headline": (
            "Internet Outage Hits Millions", "Crypto Miners Face New Tax", "Startup Raises Funds",
            "Data Leak Exposes Voters", "Satellite Reaches Orbit",
        ),
    },
    "culture": {
        "thing": (
            "the film festival", "the new novel", "the museum collection", "the opera season",
            "the restoration of the mosque", "the poetry prize", "the concert hall",
            "the archive", "the exhibition", "the national theater", "the translation project",
        ),
        "group": ("artists", "readers", "visitors", "musicians", "critics", "students"),
        "event": ("a premiere", "a retrospective", "a festival", "a book launch"),
        "headline": (
            "Poet Honored at Home", "Film Wins Top Prize", "Museum Reopens After Repairs",
            "A Novel Stirs Debate", "Old Songs Find a New Audience",
        ),
    },
    "sport": {
        "thing": (
            "the national team", "the boxing title", "the new stadium", "the cycling team",
            "the league season", "the transfer fee", "the Olympic bid", "the ski resort",
            "the wrestling federation", "the marathon", "the youth academy",
        ),
        "group": ("fans", "athletes", "coaches", "players", "sponsors"),
        "event": ("a doping case", "a cup final", "a world championship", "a transfer saga"),
        "headline": (
            "Boxer Defends World Title", "Team Qualifies for Finals", "Stadium Plans Delayed",
            "Cyclists Prepare for the Tour", "Wrestlers Win Gold",
        ),
    },
}

CHANGED = (
    "risen", "fallen", "grown", "dropped", "climbed", "slipped", "jumped", "declined", "doubled",
)
PERIODS = (
    "the same period last year", "the previous quarter", "a year earlier", "2019 levels",
    "the first half of the year", "the pre-pandemic average",
)
CLAIMS = (
    "the figures were likely to be revised", "the decision had been taken without consultation",
    "the authorities had underestimated the problem", "talks would resume next week",
    "there was no reason to panic", "the plan would be funded from the state budget",
    "the situation remained under control", "more details would be published soon",
    "local officials had ignored repeated warnings", "the measures were only temporary",
)
CONSEQUENCES = (
    "surprised many investors", "drew sharp criticism from the opposition",
    "was welcomed by business groups", "left thousands of people without support",
    "raised questions about transparency", "has since been reversed",
    "cost the state more than expected", "sparked protests in several regions",
)
CRITIC_CLAIMS = (
    "has done little to help ordinary people", "lacks proper oversight",
    "benefits a handful of well-connected companies", "was rushed through without debate",
    "will take years to show results", "ignores the needs of the regions",
)
QUOTES = (
    "We will not allow prices to rise again",
    "This is a question of trust between the state and its citizens",
    "Nobody has explained to us what happens next",
    "The numbers speak for themselves",
    "We have been waiting for this for ten years",
    "It is too early to draw any conclusions",
    "People are tired of promises",
    "We did everything that the law required",
    "Our children deserve better than this",
    "Nothing like this has happened here before",
    "The court simply ignored the evidence",
    "I am not afraid, and I will not stay silent",
    "We are ready to talk to anyone who wants a solution",
    "This is not the end of the story",
)
SAID = ("said", "told reporters", "added", "wrote on Facebook", "said in a statement", "noted")
COMPANIES = (
    "KazMunayGas", "Kazatomprom", "Air Astana", "Halyk Bank", "Kaspi.kz", "Samruk-Kazyna",
    "Beeline Kazakhstan", "ArcelorMittal Temirtau", "KEGOC", "Glotur Co.", "Steppe Media Inc.",
    "Eurasian Resources Group", "KTZ Express", "Freedom Finance",
)
ORDINALS = ("second", "third", "fourth", "fifth")
HEADLINE_TEMPLATES = (
    "{place} Residents Protest Over {thing_title}", "{country}: {topic_headline}",
    "In {place}, {topic_headline}", "{topic_headline}", "{topic_headline}",
    "{org_title} Warns of {event_title}", "{thing_title}: What Comes Next",
    "Questions Mount Over {thing_title}", "{company} Faces Scrutiny Over {thing_title}",
    "{topic_headline} as {group_title} Wait for Answers",
)
LINK_WORDS = (
    "said", "told", "reported", "released", "announced", "petition", "statement", "tally",
    "data", "survey", "report", "ruling", "video", "post", "interview", "decree",
)

# Sentence templates. Slots: see corpus.Slots. A template may hold several sentences' worth of
# typography (quotes, abbreviations, numbers), which is what stresses segmenters.
TEMPLATES = (
    "{org} said on {date} that {thing} had {changed} by {pct} compared with {period}.",
    "{person}, {role}, told {outlet_em} that {claim}.",
    "{oq}{quote},{cq} {person_short} {said}.",
    "{oq}{quote}. {quote2},{cq} said {person}, {role}.",
    "The figure is {cmp} the {pct} forecast by {org} in {month_name}.",
    "Some {count} {group} gathered in {place} on {date}, according to {outlet}.",
    "In {year}, {org} took control of {thing}, a move that {consequence}.",
    "Critics say {thing} {critic_claim}.",
    "{thing_cap} accounts for roughly {pct} of the total, officials estimate.",
    "The decision came after {event} in {place} last month.",
    "{person_short} did not respond to a request for comment.",
    "The government has allocated {money} to {thing} over the next {n_word} years.",
    "It was not immediately clear whether {claim}.",
    "According to {org}, at least {count} {group} have been affected since {month_name}.",
    "{country_cap}’s economy grew {pct} in the first {n_word} months of the year.",
    "The hearing began at {hour} a.m. on {date} in {place} and lasted {n_word} hours.",
    "{title} {surname} said the U.S. and the EU had been {informed} about {thing}.",
    "{thing_cap} costs about {money}, or roughly {pct} of the regional budget.",
    "Prices rose {pct} in {month_name}, the fastest pace since {year}.",
    "{person} was born in {place} in {year} and moved to {place2} as a teenager.",
    "Officials in {place} blamed {event} for the delays, e.g. on the route to {place2}.",
    "As of {date}, {count} {group} had signed the {link_petition}.",
    "{group_cap} in {place} say they learned about {thing} from {outlet_em}, not from officials.",
    "The {adj} plan, first announced in {year}, has been delayed at least {n_word} times.",
    "Why did it take so long? {person_short} asked.",
    "{org} estimates that {thing} will cost {money} by {year2}.",
    "Local residents call it the {local_em}, a word that means something like “gathering.”",
    "A {age}-year-old {group_one} from {place} said {claim}.",
    "The ministry’s press office declined to comment on {thing}.",
    "Turnout was {pct}, down from {pct2} at the previous vote in {year}.",
    "Nearly {count} km of roads, i.e. about {pct} of the network, need repairs.",
    "{thing_cap} was back on the agenda on {weekday}, when {org} met in {place}.",
    "The report, which runs to {count} pages, lists {n_word} main problems with {thing}.",
    "{person_short} said {thing} was “a matter of national importance.”",
    "Between {year} and {year2}, the number of {group} fell by nearly a third.",
    "{org} has fined the company {money} for breaking the rules on {thing}.",
    "In an interview with {outlet_em}, {person_short} said {claim}.",
    "The {adj} debate over {thing} is unlikely to end soon.",
    "Asked about {thing}, {title} {surname} said: {oq}{quote}.{cq}",
    "Only {pct} of {group} said they trusted official statistics on {thing}.",
    "The vote, scheduled for {date}, was postponed; no new date has been set.",
    "{person_short} — who has {informed} {org} twice this year — was not available for comment.",
    "At 5:30 p.m. on {weekday}, police began clearing the square in {place}.",
    "The company, {company}, said its profit rose to {money} in {year}.",
    "Under the proposal, {group} would pay {pct} more from {month_name} {year2}.",
    "{group_cap} have complained for years about {thing} (the issue was first raised in {year}).",
    "What changed? Not much, according to {person_short}.",
    "The law was passed in {year}–{year2} and amended {n_word} times since.",
    "The U.N. says {count} {group} need help; the government puts the figure at {count2}.",
    "A court in {place} ordered {person} to pay {money} in damages.",
    "The new measures are expected to take effect by the end of {month_name}.",
    "{person}, {role}, has been in custody since {date}.",
    "The share of {group} who support {thing} has fallen to {pct} from {pct2} in {year}.",
    "That is roughly two-thirds of what {org} had planned.",
    "Officials vs. residents: the dispute over {thing} has reached the courts.",
    "The ministry’s order No. {n} sets out {n_word} steps, from inspections to fines.",
    "On paper, {thing} looks like a success; on the ground, {group} tell a different story.",
    "Residents of {place} have been without heating since {date}, when {event} hit the region.",
    "The capital, Astana, has seen {count} such cases since {year}.",
    "{org} did not say how many {group} had been questioned.",
    "It is the {ordinal} time this year that {thing} has made headlines.",
    "In a post on Telegram, {person_short} called the decision “a disgrace.”",
    "The price of bread in {place} has risen by about 10 percent since {month_name}.",
    "Who pays for {thing}? The answer, officials admit, is still unclear.",
    "Local media reported that {count} {group} were detained, approx. half of them in {place}.",
    "{person} (no relation to the minister) has covered {thing} for {n_word} years.",
    "“We need answers,” {person_short} said, “and we need them now.”",
    "According to the latest census, {place} has a population of about {count}.",
    "Investors, however, remain cautious about {thing}.",
    "The {adj} reform of {thing} was meant to be finished in {year}.",
    "{group_cap} say the rules are vague: what counts as {local_em} is not defined.",
    "Mr. {surname} Jr. took over the business from his father in {year}.",
    "Exports to {country} rose {pct} year-on-year, while imports fell {pct2}.",
    "Earlier this month, {org} published a {count}-page report on {thing}.",
    "The project is run by {company} and {company2}, which did not reply to questions.",
    "“It’s not about money,” {person_short} said. “It’s about dignity.”",
    "By {year2}, {org} wants {thing} to cover at least {pct} of demand.",
    "Neither side has published the terms of the agreement.",
    "Some {group} in {place} said they had never heard of {thing}.",
    "The figures, released on {date}, cover the period from {month_name} to {month_name2}.",
    "{thing_cap} has long been a sensitive subject in {country}.",
)
ADJECTIVES = (
    "long-awaited", "controversial", "ambitious", "costly", "widely criticized", "modest",
    "sweeping", "so-called", "much-delayed", "unexpected",
)
COMPARE = ("well above", "slightly below", "close to", "far higher than", "in line with")
INFORMED = ("informed", "warned", "briefed", "reminded")
LIST_INTROS = (
    "The main changes include:", "Officials listed the following measures:",
    "Among the demands of the {group}:", "Key figures from the report:",
    "What we know so far:", "The new rules require:",
)
SECTION_HEADINGS = (
    "Background", "What happens next", "A long history", "Reaction", "The numbers",
    "Voices from {place}", "A question of money", "What critics say", "Looking ahead",
    "How we got here", "The view from {place}", "Behind the figures",
)
CAPTIONS = (
    "{person} in {place} in {year}.", "A street in {place}.", "Protesters gather in {place}.",
    "The site of {thing} near {place}.", "{group_cap} queue outside an office in {place}.",
)
CLOSINGS = (
    "This article was first published on {outlet}.",
    "This story has been updated with comments from {org}.",
    "Reporting by {person}; editing by {person2}.",
)
LIST_ITEMS = (
    "a cap of {pct} on annual price increases",
    "{money} in direct support for {group}",
    "new rules on {thing}, to take effect on {date}",
    "an audit of {thing} by {org}",
    "{count} new jobs in {place} by {year2}",
    "compensation for {group} affected by {event}",
    "a public hearing in {place} within {n_word} months",
    "{thing_cap} to be reviewed every {n_word} years",
    "the release of all detained {group}",
    "more transparency from {org}",
    "{pct} of {group} in {place} said they were worse off than in {year}",
    "a ban on {thing} until {month_name} {year2}",
)
SYNONYMS = (
    ("said", "stated"), ("about", "around"), ("more than", "over"), ("nearly", "almost"),
    ("announced", "confirmed"), ("people", "residents"), ("warned", "cautioned"),
    ("roughly", "approximately"), ("main", "principal"), ("declined", "refused"),
    ("at least", "no fewer than"), ("since", "ever since"), ("new", "revised"),
    ("the company", "the firm"), ("officials", "authorities"), ("told", "informed"),
)
CLAUSES = (
    ", officials said", " this week", ", according to preliminary data", " on Friday",
    ", the ministry added", " once again", ", sources said",
)
# fmt: on
