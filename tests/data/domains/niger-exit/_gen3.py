from _tpl import page

PAGES = []

# ---------------- hard negatives ----------------
PAGES.append(dict(
    file="h01-on-this-day-french-leave-niger.html", kind="visible", outlet="Harmattan Herald",
    published="2024-12-22T06:00:00Z", visible_date="Sunday, 22 December 2024",
    url="https://harmattanherald.example/history/on-this-day-french-troops-leave-niger/",
    title="On this day in 2023: France's last soldiers leave Niger", section="On this day",
    byline="History desk",
    tags="On this day, Niger, France",
    body=[
        "22 December 2023",
        "The last French soldiers stationed in Niger flew out of Niamey on the morning of 22 December 2023, bringing to an end a decade in which Niger had been a hub of France's fight against jihadist groups in the Sahel.",
        "About 50 troops made up the final group out of roughly 1,500 who had been based in Niamey, Ouallam and Ayorou. At a ceremony at the Niamey air base, the Nigerien army chief of staff, Colonel-Major Mamane Sani Kiaou, and General Eric Ozanne, who commanded French forces in the Sahel, signed a joint document recording the withdrawal, and the base was handed to the Nigerien military.",
        "President Emmanuel Macron had announced in September 2023 that the troops would leave by the end of the year, after the junta that ousted President Mohamed Bazoum in July demanded their departure. The first convoy left on 10 October, heading for Chad; the Nigerien army said the operation kept to the timetable it had set.",
        "France also closed its embassy in Niamey that month. Its forces had already left Mali in 2022 and Burkina Faso in early 2023.",
    ],
    related=["On this day: Niger's first uranium exports, 1971", "On this day: the Tuareg peace accord, 1995"],
    related_heading="More from the archive",
))

PAGES.append(dict(
    file="h02-russian-instructors-arrive.html", kind="wire", outlet="Pan-African Ledger",
    published="2024-04-12T08:30:00Z", url="https://panafricanledger.example/world/2024/04/12/russian-instructors-niger/",
    title="Russian military instructors land in Niger with air-defence system", section="West Africa",
    byline="By Pan-African Ledger correspondents",
    tags="Niger, Russia, Africa Corps",
    body=[
        "NIAMEY, April 12 (Pan-African Ledger) - A team of Russian military instructors arrived in Niamey late on Wednesday with equipment that includes an air-defence system, Niger's state broadcaster RTN reported.",
        "Footage aired by RTN showed men in fatigues unloading a Russian cargo plane. One of them, his face partly covered, told the broadcaster that the Russians had come to train the Nigerien army and develop military cooperation between the two countries, and that an 'African Corps' would help build and train Niger's forces.",
        "It is Russia's first such deployment to Niger since the army seized power in July 2023. The Russian defence ministry did not immediately confirm the size or scope of the mission.",
        "Niger's leader, General Abdourahamane Tiani, spoke to President Vladimir Putin by telephone in late March, and the two agreed to step up security cooperation, according to the Kremlin.",
        "Moscow has expanded its military footprint in Mali, Burkina Faso and the Central African Republic, first through the Wagner Group and now through the Africa Corps that succeeded it.",
    ],
    related=["Mali junta suspends political parties", "Burkina Faso expels French diplomats"],
    related_heading="More from West Africa",
))

PAGES.append(dict(
    file="h03-us-special-forces-leave-chad.html", kind="jsonld", outlet="Capitol Defense Brief",
    published="2024-05-01T20:00:00Z", url="https://capitoldefensebrief.example/2024/05/01/us-forces-leave-chad/",
    title="US special forces leave Chad for Germany", section="Pentagon",
    byline="By the Capitol Defense Brief staff", visible_date="May 1, 2024",
    tags="Chad, SOCAFRICA",
    body=[
        "The US military has finished moving about 60 special operations troops out of Chad to Germany, a Pentagon spokesperson said on Wednesday, describing the step as temporary.",
        "The relocation from the French military camp in N'Djamena was completed on Tuesday, Maj. Pete Nguyen said. The troops will carry on their work from Germany while Washington reviews its security cooperation with Chad, which is expected to resume after the 6 May presidential election.",
        "Fewer than 100 US troops had been in Chad, most of them part of a Special Operations Task Force that moved there from Germany in 2021. Some personnel will stay at the US embassy, and Marines will continue to guard it.",
        "The move followed a letter from Chad's air force chief to the US defence attaché questioning the legal basis of the American presence and asking US personnel to leave the French base.",
    ],
    related=["Army picks new chief of staff", "House panel advances defence bill"],
))

PAGES.append(dict(
    file="h04-german-troops-leave-niamey.html", kind="dcterms", outlet="Euro-Africa Security Review",
    published="2024-08-31T09:00:00Z", url="https://euroafricasecurity.example/2024/08/31/bundeswehr-leaves-niger",
    title="Last German troops leave Niger as Bundeswehr closes Niamey air hub", section="Europe in Africa",
    byline="Review staff", font="Palatino,serif",
    tags="Germany, Bundeswehr, Niger",
    body=[
        "The last German soldiers left Niger on Friday after the Bundeswehr handed its air transport facility at Air Base 101 in Niamey back to Nigerien forces, a day before an interim arrangement for the base was due to run out.",
        "Colonel-Major Mamane Sani Kiaou, Niger's army chief of staff, and the German commander, Colonel Carsten Struss, signed the handover at a ceremony marking the final departure of German troops and the closure of their site. Five transport aircraft carried out 60 soldiers and 146 tonnes of equipment, Kiaou said.",
        "Berlin announced in July that it would give up the hub after talks on a new status agreement failed; Germany had insisted on immunity from prosecution for its soldiers, which Niger's proposal did not provide. The site had been used since 2013 to supply the UN peacekeeping mission in Mali and more recently for evacuation planning.",
        "Kiaou said both sides wanted to keep up military relations. The soldiers were due to land at the Wunstorf air base in northern Germany late on Friday.",
    ],
    related=["US hands over Agadez drone base to Niger", "Italy keeps small training mission in Niamey", "EU ends Sahel civilian mission"],
    related_heading="Related coverage",
))

PAGES.append(dict(
    file="h05-france-hands-over-kossei-chad.html", kind="wire", outlet="Dakar Desk Wire",
    published="2025-01-31T07:10:00Z", url="https://dakardeskwire.example/africa/2025/01/31/france-leaves-chad/",
    title="France hands over last Chad base, ending military presence", section="Africa",
    byline="By Dakar Desk Wire staff", cookie=1,
    tags="Chad, France",
    body=[
        "N'DJAMENA, Jan 31 - France handed its last military base in Chad, the Sergent Adji Kossei camp in N'Djamena, to the Chadian army on Thursday, a day before the deadline Chad had set for French troops to be gone.",
        "The handover follows the return of the bases at Faya-Largeau and Abéché earlier in the withdrawal, which began in December after Chad ended its defence cooperation agreement with its former colonial power in November. President Mahamat Idriss Déby had announced on 31 December that the French would have to leave by 31 January.",
        "General Pascal Ianni, head of France's Africa command, said the transfer was part of a French decision to end permanent bases in West and Central Africa. Chad's army chief of staff, Abakar Abdelkerim Daoud, said the Chadian army was ready to take over the role French forces had played.",
        "France had about 1,000 troops in Chad before the agreement was ended.",
    ],
    related=["Chad: ruling party sweeps legislative vote", "Sudan refugees strain eastern Chad camps"],
    related_heading="Read next",
))

PAGES.append(dict(
    file="h06-france-port-bouet-cote-divoire.html", kind="jsonld", outlet="Gulf of Guinea Times",
    published="2025-02-20T18:00:00Z", url="https://gulfofguineatimes.example/news/france-returns-port-bouet-base",
    title="France returns Port-Bouët base to Côte d'Ivoire", section="Côte d'Ivoire",
    byline="Abidjan bureau", visible_date="20 Feb 2025",
    tags="France, Côte d'Ivoire, Defence",
    body=[
        "France formally gave its Port-Bouët military camp near Abidjan back to Côte d'Ivoire on Thursday, although around 80 French soldiers will stay on for training missions.",
        "French Armed Forces Minister Sébastien Lecornu and his Ivorian counterpart, Téné Birahima Ouattara, signed the transfer after the Ivorian flag was raised on the parade ground. The camp, home since 1978 to France's 43rd marine infantry battalion, is being renamed after General Thomas d'Aquin Ouattara, the first chief of staff of the Ivorian army.",
        "President Alassane Ouattara announced the handover in his new year address. About 1,000 French troops had been based at Port-Bouët; their departure is to be spread over 2025.",
        "Lecornu said France was transforming its presence rather than disappearing, and the two countries signed new cooperation agreements at the ceremony.",
    ],
    related=["Cocoa farmgate price raised", "Abidjan: AFCON stadium hosts first league final"],
))

PAGES.append(dict(
    file="h07-sahel-states-leave-ecowas.html", kind="visible", outlet="West Africa Monitor",
    published="2025-01-29T15:00:00Z", visible_date="29 January 2025",
    url="https://westafricamonitor.example/politics/aes-ecowas-exit-effective",
    title="Mali, Burkina Faso and Niger formally leave ECOWAS", section="Politics",
    byline="Monitor politics desk", cookie=1, font="Helvetica,Arial,sans-serif",
    tags="ECOWAS, AES",
    body=[
        "The withdrawal of Mali, Burkina Faso and Niger from the Economic Community of West African States took effect on Wednesday, a year after the three military-ruled countries announced they were quitting the bloc.",
        "At a summit in Abuja in December, ECOWAS leaders took note of the decision and set a transition period running until 29 July 2025, during which mediation by Senegal's President Bassirou Diomaye Faye and Togo's President Faure Gnassingbé may continue in the hope of a change of heart.",
        "The three governments, grouped in the Alliance of Sahel States, have called their exit irreversible. They have promised to keep their borders open to citizens of ECOWAS countries.",
        "The juntas accuse the bloc of serving foreign interests and of failing to help them against jihadist groups.",
    ],
    related=["Guinea sets referendum date", "Nigeria and Niger reopen border crossing"],
    related_heading="Read more",
))

# ---------------- unrelated ----------------
PAGES.append(dict(
    file="x01-benin-detains-nigeriens-oil-terminal.html", kind="wire", outlet="Harmattan Herald",
    published="2024-06-07T11:00:00Z", url="https://harmattanherald.example/news/2024/06/07/benin-niger-oil-terminal-arrests/",
    title="Benin detains five Nigeriens at oil terminal as export row deepens", section="Business",
    byline="Harmattan Herald, with agencies",
    tags="Niger, Benin, Oil",
    body=[
        "COTONOU/NIAMEY, June 7 - Authorities in Benin have detained five Nigerien nationals accused of getting into the Sèmè-Kpodji oil terminal by deception, deepening a dispute over crude exports from landlocked Niger.",
        "Special prosecutor Mario Metonou said two of the group were agents of Niger's military government and that investigators were looking into their motives. Niger's oil minister, Mahamane Moustapha Barké, said the men were inspectors sent to oversee crude loading under a bilateral agreement.",
        "Benin stopped Niger's crude from being shipped through its port in May, saying Niamey must reopen the land border to Beninese goods first. It briefly relaxed the block in mid-May and agreed to talks, but no lasting solution has been found.",
        "The export pipeline, backed by PetroChina, runs almost 2,000 kilometres from the Agadem oilfield in Niger to the Beninese coast.",
    ],
    related=["Niamey fuel prices unchanged", "China's CNPC signs Niger loan deal"],
    related_heading="Latest",
))

PAGES.append(dict(
    file="x02-niger-floods-final-toll.html", kind="jsonld", outlet="Sahel Dispatch",
    published="2025-03-01T16:20:00Z", url="https://saheldispatch.example/2025/03/01/niger-2024-floods-final-toll",
    title="Niger's 2024 floods killed nearly 400, final toll shows", section="Environment",
    byline="Sahel Dispatch reporters", visible_date="1 March 2025",
    tags="Niger, Floods, Climate",
    body=[
        "Floods during Niger's 2024 rainy season killed 396 people and affected more than 1.5 million, Interior Minister Mohamed Toumba said on Saturday in a final toll.",
        "Another 405 people were injured. More than 158,000 homes were destroyed and about 31,000 head of livestock were lost.",
        "The rains, which ran from June to September, reached even the arid north: in Agadez, the UNESCO-listed old town and its Grand Mosque were damaged, and in Zinder a 19th-century mud-brick mosque collapsed. Roads into Niamey were cut for a time.",
        "Because schools were damaged or used as shelters, the government pushed back the start of the school year to 28 October.",
    ],
    related=["Agadez old town: restoration appeal launched", "Lake Chad water levels rise"],
))

PAGES.append(dict(
    file="x03-niger-nationalises-somair.html", kind="dcterms", outlet="Euro-Africa Security Review",
    published="2025-06-20T10:00:00Z", url="https://euroafricasecurity.example/2025/06/20/niger-somair-nationalisation",
    title="Niger moves to nationalise Orano-run Somaïr uranium venture", section="Resources",
    byline="Review staff", font="Palatino,serif",
    tags="Niger, Uranium, Orano",
    body=[
        "Niger's military government said on Thursday it would nationalise Somaïr, the uranium mining venture run by French group Orano, accusing the company of irresponsible and unfair conduct.",
        "The statement, read on national television, listed grievances including the expiry of the latest mining agreement in December 2023.",
        "Orano holds 63% of Somaïr and Niger's state company Sopamin the rest. The French firm says it has been shut out of operations since the authorities took control of the mine, and it has launched arbitration proceedings.",
        "Relations between Niamey and Paris have been poor since the July 2023 coup.",
    ],
    related=["Uranium spot price steadies", "Kazatomprom trims output guidance"],
    related_heading="Related coverage",
))

for p in PAGES:
    page(p)
print(len(PAGES))
