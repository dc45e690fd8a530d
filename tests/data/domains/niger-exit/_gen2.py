from _tpl import page

PAGES = []

PAGES.append(dict(
    file="n09-withdrawal-complete-wire.html", kind="wire", outlet="Dakar Desk Wire",
    published="2024-09-16T21:55:00Z", url="https://dakardeskwire.example/africa/2024/09/16/us-military-niger-withdrawal-complete/",
    title="US military says its withdrawal from Niger is complete", section="Africa",
    byline="By Dakar Desk Wire staff", cookie=1,
    tags="Niger, Pentagon, Sahel",
    body=[
        "DAKAR, Sept 16 - The United States has finished pulling its troops out of Niger, a Pentagon spokesperson said on Monday, leaving behind only a small detachment assigned to guard the US embassy in Niamey.",
        "Sabrina Singh told reporters that the roughly two dozen service members who had stayed on after the bases were handed to Nigerien authorities last month, mostly to deal with paperwork linked to the departure, had now gone.",
        "US Africa Command said its coordination element in the country, made up of a two-star general and his staff, had also left, and that the pullout had been wrapped up by the 15 September date the two governments agreed in May.",
        "Niger's junta ended the military cooperation accord with Washington in March. The departure deprives the US of bases it used for surveillance over the Sahel, where Jama'at Nusrat al-Islam wal-Muslimin (JNIM), an al-Qaeda affiliate, is active in Mali, Burkina Faso and Niger and has been pushing towards Benin and Togo.",
        "Niger had been seen as one of the last countries in the region with which Western governments could work against the jihadist insurgencies. It has since turned to Russia, whose military trainers arrived in April to help strengthen its air defences.",
    ],
    related=["Mali: curfew lifted in Kidal region", "Togo: parliament adopts new constitution", "Ghana cedi hits record low"],
    related_heading="Read next",
))

PAGES.append(dict(
    file="n10-release-digest-withdrawal-finished.html", kind="digest", outlet="Defence Release Digest",
    published="2024-09-17T10:00:00Z", visible_date="Tuesday 17 September 2024",
    url="https://defencereleasedigest.example/2024/09/17/africom-niger-withdrawal-complete/",
    title="Release digest: Pentagon and Niger declare US withdrawal finished", section="Release digest",
    body=[
        "<h2>US Department of Defense / Niger Ministry of National Defence (joint statement)</h2>",
        "In a joint statement dated 16 September, the US Department of Defense and Niger's Ministry of National Defence declared that the withdrawal of US forces and equipment from Niger has been completed.",
        "<ul><li>The process started on 19 May, once the terms of the withdrawal had been agreed.</li>"
        "<li>US forces left Air Base 101 in Niamey on 7 July and Air Base 201 in Agadez on 5 August.</li>"
        "<li>The US Africa Command coordination element, a two-star general and a headquarters staff, has also departed.</li>"
        "<li>Both sides credit close cooperation and communication between their armed forces for a safe, orderly and responsible departure, finished without complications by the 15 September date they had agreed.</li></ul>",
        "The statement recalls that over the past ten years US forces trained Nigerien troops and supported counterterrorism operations led by partners against the Islamic State and al-Qaeda in the region, and that both ministries recognise the sacrifices made by the two countries' forces.",
        "<h2>Pentagon press briefing (16 September)</h2>",
        "The deputy press secretary said a small number of military personnel assigned to guard the US embassy in Niamey remain in the country; they were never part of the withdrawal.",
    ],
    nav=["Digests", "Defence", "Diplomacy", "Archive"], font="Verdana,sans-serif",
))

PAGES.append(dict(
    file="n11-sahel-briefing-newsletter.html", kind="newsletter", outlet="The Sahel Briefing",
    published="2024-09-18T05:30:00Z", visible_date="Wednesday, 18 September 2024",
    url="https://sahelbriefing.example/issues/2024-09-18",
    title="The Sahel Briefing: Bamako attacked, floods, and the Americans are gone",
    pre="Four things to know this morning.",
    body=[
        "<h2>1. Jihadists strike Bamako</h2>",
        "Gunmen attacked a gendarmerie school in the Faladié district and a military zone at the airport in Mali's capital before dawn on Tuesday. JNIM, the al-Qaeda affiliate, claimed the assault; the army said the situation was under control by midday and acknowledged some deaths among its personnel.",
        "<h2>2. Niger's flood toll keeps rising</h2>",
        "The interior ministry says at least 339 people have died in torrential rains since June and more than a million have been affected.",
        "<h2>3. Out of Niger</h2>",
        "Washington's troops are out of Niger: the Pentagon said on Monday that the pullout demanded by the junta was finished, with only embassy guards left behind.",
        "The last step was the departure of the AFRICOM coordination team. The two air bases, in Niamey and Agadez, had already been handed over in July and August, so the mid-September date agreed in May was met with room to spare.",
        "<h2>4. Reading list</h2>",
        "A long read on grain prices in Maradi; a podcast on gold smuggling routes through Agadez; and our map of who trains which army in the region.",
        '<p class="signoff">See you tomorrow. Forward this to a colleague who should be reading it.</p>',
    ],
    cookie=1, nav=["Issues", "Subscribe", "About"], font="Arial,sans-serif",
))

PAGES.append(dict(
    file="n12-langley-coastal-states.html", kind="dcterms", outlet="Atlantic Coast Courier",
    published="2024-09-19T12:00:00Z", url="https://atlanticcoastcourier.example/security/after-niger-us-looks-to-coast",
    title="After Niger and Chad, US looks to coastal West Africa", section="Security",
    byline="Courier security team",
    tags="AFRICOM, Côte d'Ivoire, Ghana, Benin",
    body=[
        "The commander of US Africa Command, Marine Gen. Michael Langley, has told reporters that Washington is in talks with Côte d'Ivoire, Ghana and Benin as it resets and recalibrates its military assets in West Africa, describing them as like-minded coastal partners facing the same threats.",
        "Diplomatic consultations would decide what capabilities those countries need to counter terrorism, Langley told a press conference, describing the US approach as partner-led and US-enabled. The State Department, he said, would set the depth and breadth of any new relationship, including with the Alliance of Sahel States formed by Niger, Mali and Burkina Faso.",
        "The last US troops left Niger in mid-September, completing a withdrawal from the Niamey and Agadez air bases that the junta had demanded. Langley said the forces had been taken out carefully, safely and without incident. Most American forces in Chad had left in April after the government there questioned their status.",
        "In Côte d'Ivoire, US special forces have been training the Ivorian army, and US surveillance aircraft operating from Abidjan share intelligence with Ivorian commanders, according to earlier reporting. Washington has also set aside about $4 million to upgrade airfield facilities in Benin so they can receive US helicopters.",
        "Langley said the choice of new locations was also about being able to respond to crises, citing the evacuation of Americans from Sudan in 2023.",
    ],
    related=["Port of Lomé throughput climbs", "Ghana election: candidates sign peace pact", "Benin: northern park rangers attacked"],
))

PAGES.append(dict(
    file="n13-on-this-day-last-us-troops.html", kind="visible", outlet="Harmattan Herald",
    published="2025-09-16T06:00:00Z", visible_date="16/9/2025",
    url="https://harmattanherald.example/history/on-this-day-us-troops-leave-niger/",
    title="On this day: the last US troops leave Niger", section="On this day",
    byline="History desk",
    tags="On this day, Niger, United States",
    body=[
        "16 September 2024",
        "A year ago today, the Pentagon announced that the last American troops had left Niger, a day after the 15 September deadline agreed with the country's military rulers had passed with the pullout finished.",
        "The departure closed a chapter that began in March 2024, when the junta revoked the 2012 military accord. US forces handed back Air Base 101 in Niamey on 7 July and the drone base at Agadez on 5 August; a handful of staff stayed at the embassy to finish the paperwork.",
        "Since then AFRICOM has shifted its attention to coastal states. In Nairobi in May 2025, Gen. Michael Langley said the drawdown of US forces from parts of Africa had limited Washington's ability to watch and respond to militant groups. His successor, Gen. Dagvin Anderson, who sat at the negotiating table in Niamey in May 2024, was confirmed by the Senate on 31 July 2025.",
        "Niger, Mali and Burkina Faso formally left the West African bloc ECOWAS in January 2025.",
    ],
    related=["On this day: Mali's independence, 1960", "On this day: the Agadez mosque restoration"],
    related_heading="More from the archive",
))

# ---------------- background ----------------
PAGES.append(dict(
    file="b01-us-delegation-niamey-talks.html", kind="jsonld", outlet="Capitol Defense Brief",
    published="2024-05-16T14:00:00Z", url="https://capitoldefensebrief.example/2024/05/16/us-delegation-niamey/",
    title="US delegation in Niamey to negotiate troop exit", section="Pentagon",
    byline="By the Capitol Defense Brief staff", visible_date="May 16, 2024",
    tags="Niger, Pentagon",
    body=[
        "Senior Pentagon officials are in Niger's capital to negotiate the departure of US troops from the country, two months after the military government ended its defence agreement with Washington.",
        "The delegation, led by Christopher Maier, the assistant secretary of defense for special operations and low-intensity conflict, and including Lt. Gen. Dagvin Anderson of the Joint Staff, began meetings with Nigerien officials on Wednesday.",
        "Fewer than 1,000 American troops remain in Niger, most of them at the drone base near Agadez; a smaller group is at the air base in Niamey, where Russian trainers are also present.",
        "One of the issues on the table is permission for military flights to carry personnel and equipment out; so far, departing US troops have used commercial flights.",
        "The junta revoked the 2012 accord in March and called the US presence illegal.",
    ],
    related=["Hill staff brief on Sudan ceasefire talks", "Navy's new frigate falls further behind"],
))

PAGES.append(dict(
    file="b02-intelligence-gap-agadez.html", kind="wire", outlet="Pan-African Ledger",
    published="2024-06-25T16:45:00Z", url="https://panafricanledger.example/world/2024/06/25/agadez-loss-intelligence/",
    title="US officials warn loss of Agadez base blurs view of Sahel militants", section="Security",
    byline="By Pan-African Ledger correspondents",
    tags="Sahel, AFRICOM, Intelligence",
    body=[
        "GABORONE, June 25 (Pan-African Ledger) - US officials say their ability to track the growing jihadist insurgencies in West Africa is shrinking as American forces pack up in Niger.",
        "Niger's military rulers have given US forces until 15 September to leave, which means giving up the drone base near Agadez that cost more than $100 million to build.",
        "Gen. Michael Langley, who heads US Africa Command, said at a meeting of African chiefs of defence in Botswana that the Islamic State and JNIM, the al-Qaeda affiliate, had the potential to threaten the United States as they grew, and that Washington wanted to be able to watch whether their capabilities expanded.",
        "A US official, speaking on condition of anonymity, said the loss of the Agadez base had degraded Washington's ability to monitor the threat.",
        "Mick Mulroy, a former senior Pentagon official and CIA officer, compared the situation to Afghanistan after 2021, saying that leaving a region means losing both the means to strike and the intelligence needed to see plots coming.",
    ],
    related=["Botswana hosts African defence chiefs", "JNIM expands into northern Benin, analysts say"],
    related_heading="More from Security",
))

PAGES.append(dict(
    file="b03-aes-confederation-niamey.html", kind="dcterms", outlet="West Africa Monitor",
    published="2024-07-07T17:30:00Z", url="https://westafricamonitor.example/politics/aes-confederation-treaty",
    title="Sahel juntas sign confederation treaty in Niamey", section="Politics",
    byline="Monitor politics desk", cookie=1, font="Helvetica,Arial,sans-serif",
    tags="AES, Niger, Mali, Burkina Faso, ECOWAS",
    body=[
        "The military leaders of Niger, Mali and Burkina Faso signed a treaty in Niamey on Saturday establishing a confederation of their Alliance of Sahel States, a day before West African heads of state gathered in Abuja for an ECOWAS summit.",
        "General Abdourahamane Tiani, Captain Ibrahim Traoré and Colonel Assimi Goïta said the confederation would deepen defence cooperation and coordinate diplomacy, and repeated that their January decision to quit ECOWAS could not be reversed.",
        "The three governments have turned away from France, whose forces left all three countries, and have drawn closer to Russia.",
        "Niger's junta also tore up its military accord with Washington in March, and the roughly 1,000 US troops in the country are due to be gone by 15 September under a deal struck in May.",
        "ECOWAS leaders have said they still hope the three countries will return to the bloc.",
    ],
    related=["Nigeria's Tinubu re-elected ECOWAS chair", "Mali extends junta rule", "Burkina Faso suspends more foreign media"],
    related_heading="Read more",
))

PAGES.append(dict(
    file="b04-chad-us-troops-after-election.html", kind="visible", outlet="Lake Chad Observer",
    published="2024-05-21T10:00:00Z", visible_date="21 May 2024",
    url="https://lakechadobserver.example/2024/05/21/pentagon-chad-troop-talks",
    title="Pentagon hopes to revisit Chad troop deal after election", section="Chad",
    byline="Observer staff",
    tags="Chad, United States",
    body=[
        "The Pentagon expects talks with Chad on the terms under which US troops can be stationed there to resume next month, after the 6 May presidential election won by transitional leader Mahamat Idriss Déby.",
        "Most of the roughly 100 US troops in Chad, largely members of a special operations task force based at the French camp in N'Djamena, were moved out for the time being at the end of April after Chadian officials questioned the agreement covering their presence.",
        "In neighbouring Niger, the Pentagon and the junta agreed on Sunday that all US forces will be out by 15 September, ending a decade of counterterrorism operations from bases in Niamey and Agadez.",
        "US officials say they want to keep working with Chad, whose army is a mainstay of the fight against Boko Haram around Lake Chad.",
    ],
    related=["N'Djamena: fuel shortages ease", "Déby names new prime minister"],
))

# ---------------- republication ----------------
PAGES.append(dict(
    file="r01-seed-agreement-aggregator.html", kind="jsonld", outlet="NewsStream Africa",
    published="2024-05-20T13:12:00Z", url="https://newsstreamafrica.example/feed/niger-us-troops-leave-by-september-15",
    title="Niger: US troops to leave by September 15 under disengagement deal", section="Aggregated",
    byline="Continental Wire via NewsStream", visible_date="20.05.2024 13:12",
    tags="Niger, USA",
    body=[
        "NIAMEY/WASHINGTON — The United States will complete the withdrawal of its forces from Niger no later than 15 September, the US Department of Defense and Niger's Ministry of National Defence said in a joint statement on Sunday (19 May) after four days of talks in Niamey.",
        "The two sides said they had reached a disengagement agreement and that the pullout had already started. Niger guarantees the protection and security of US forces while they leave, and the two governments have set out procedures for American personnel to enter and exit the country, including clearances for military flights, which had been a sticking point in the negotiations.",
        "The US delegation was led by Christopher Maier, the assistant secretary of defense for special operations and low-intensity conflict, and included Lieutenant General Dagvin Anderson of the Joint Staff. The Nigerien side was headed by Colonel-Major Mamane Sani Kiaou, the army chief of staff.",
        "The timetable gives the Pentagon four months to move out fewer than 1,000 personnel and their equipment, including MQ-9 Reaper drones. Most of the troops are at Air Base 201 near Agadez, about 920 kilometres from the capital, a drone hub built for more than $100 million; the rest are at Air Base 101, next to Diori Hamani International Airport in Niamey, where Russian military trainers have also been stationed since April.",
        "Niger's military rulers scrapped the 2012 defence cooperation accord with Washington in March, calling the US presence illegal.",
        '<p class="source-note">This story was originally published by Continental Wire. Read the full article on the publisher\'s site.</p>',
    ],
    related=["Trending: Kenya's Ruto heads to Washington", "Trending: Senegal cuts fuel prices", "Trending: AFCON qualifiers draw"],
    related_heading="Trending on NewsStream",
    cookie=1,
))

for p in PAGES:
    page(p)
print(len(PAGES))
