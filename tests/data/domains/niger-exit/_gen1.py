from _tpl import page

PAGES = []

# ---------------- developments ----------------
PAGES.append(dict(
    file="n01-pentagon-no-decision-niger.html", kind="jsonld", outlet="Capitol Defense Brief",
    published="2024-03-29T02:15:00Z", url="https://capitoldefensebrief.example/2024/03/29/pentagon-no-decision-niger/",
    title="Pentagon: no decision yet on pulling US troops out of Niger", section="Pentagon",
    byline="By the Capitol Defense Brief staff", visible_date="March 29, 2024",
    tags="Niger, Pentagon, AFRICOM",
    body=[
        "WASHINGTON, March 28 - The Pentagon said on Thursday it had not decided to move American forces out of Niger, a day after the West African country's military-led government announced that Washington would soon put forward a plan to disengage its soldiers.",
        "Pentagon press secretary Maj. Gen. Pat Ryder told reporters that no decision had been taken so far on moving US forces out of Niger and that talks with the country's military authorities were still under way.",
        "Asked about Niamey's statement, Ryder said he had nothing to offer on it and that the United States was still trying to get clarity from the ruling National Council for the Safeguard of the Homeland (CNSP).",
        "On Wednesday, Niger's interior ministry said Interior Minister General Mohamed Toumba had received the US ambassador, Kathleen FitzGibbon, in Niamey. According to the ministry, the ambassador told him that Washington had taken note of the junta's decision to end the 2012 military agreement and would come back with a plan setting out how the more than 1,000 American personnel in the country would be disengaged.",
        "At the State Department, spokesman Matthew Miller declined to confirm the ministry's account. He said the position of US troops was broadly unchanged for now and that officials were in contact with the transition authorities, without going into the substance of the conversations.",
        "The junta announced on 16 March that it was revoking the accord with immediate effect and called the American presence illegal. Most US personnel are stationed at a drone base near Agadez.",
    ],
    related=["Senate panel presses AFRICOM nominee on Somalia strikes", "Army misses recruiting goal again, officials warn", "Pentagon budget request: what changed for Africa"],
))

PAGES.append(dict(
    file="n02-campbell-zeine-withdrawal-agreed.html", kind="wire", outlet="Pan-African Ledger",
    published="2024-04-20T09:05:00Z", url="https://panafricanledger.example/world/2024/04/20/us-agrees-to-leave-niger/",
    title="Washington agrees to pull its troops out of Niger after talks with prime minister", section="West Africa",
    byline="By Pan-African Ledger correspondents",
    tags="Niger, United States, Sahel",
    body=[
        "WASHINGTON, April 20 (Pan-African Ledger) - The United States has agreed to take its roughly 1,000 military personnel out of Niger, US officials said, bowing to a demand from the country's military rulers and giving up its main platform for counterterrorism surveillance in the Sahel.",
        "Deputy Secretary of State Kurt Campbell and Niger's prime minister, Ali Lamine Zeine, agreed at a meeting in Washington on Friday to begin talks in Niamey on planning an orderly and responsible withdrawal of US troops, a State Department official said.",
        "It was the second time the two men had met that week; Zeine was in Washington during the World Bank's spring meetings. A senior State Department official told reporters that the prime minister had asked for the troops to leave and that the United States had accepted, adding that the details would be worked out by the Defense Department and that officials would probably have to travel to Niamey to do so.",
        "The two officials also underlined the importance of the bilateral relationship and said they would keep cooperating in areas of shared interest. Washington intends to keep its embassy in Niamey open, the official said. No date for the departure was announced.",
        "Thousands of people marched in Niamey on 13 April to demand that the American soldiers leave, some waving Russian flags.",
        "The base at Agadez, about 550 miles from the capital, has been used for manned and unmanned surveillance flights over the region, where groups linked to al-Qaeda and the Islamic State are active.",
        "(Reporting by the Washington bureau; editing by the Africa desk)",
    ],
    related=["IMF team ends visit to Abuja, sees inflation easing", "Senegal's new president names cabinet", "Gold output in Burkina Faso rises despite attacks"],
    related_heading="More from West Africa",
))

PAGES.append(dict(
    file="n03-first-c17-leaves-niamey.html", kind="dcterms", outlet="West Africa Monitor",
    published="2024-06-09T11:00:00Z", url="https://westafricamonitor.example/security/us-niger-redeployment-phase",
    title="US pullout from Niger enters redeployment phase as first C-17 leaves Niamey", section="Security",
    byline="Monitor security desk", cookie=1, font="Helvetica,Arial,sans-serif",
    tags="Niger, United States, Air Base 101",
    body=[
        "The withdrawal of American forces from Niger has moved from preparation to redeployment, the US Department of Defense and Niger's Ministry of National Defence said in a joint statement.",
        "The statement said a US Air Force C-17 Globemaster III took off from Air Base 101 in Niamey on 7 June, the first flight of the redeployment phase.",
        "Some US units have already returned to their home stations after finishing their missions, while a small team of American personnel has flown in to help close down Air Bases 101 and 201, according to the statement.",
        "Colonel-Major Mamane Sani Kiaou, Niger's army chief of staff, said on 7 June that more than 269 of the 946 US military personnel, along with several tonnes of equipment, had left the country since the withdrawal agreement was signed.",
        "Both governments repeated that the departure would be over no later than 15 September.",
    ],
    related=["Tillaberi: soldiers killed in ambush near Malian border", "Niamey power cuts ease as Nigeria restores supply", "Opinion: the Sahel alliance needs a budget"],
    related_heading="Read more",
))

PAGES.append(dict(
    file="n04-ekman-niamey-this-weekend.html", kind="visible", outlet="Frontline Africa Review",
    published="2024-07-05T18:30:00Z", visible_date="Friday 5 July 2024",
    url="https://frontlineafrica.example/interviews/ekman-niger-withdrawal-timeline",
    title="US commander in Niger: Niamey base empty this weekend, Agadez in August", section="Interview",
    byline="Notes by our defence correspondent",
    tags="Niger, AFRICOM, Interview",
    body=[
        "Air Force Maj. Gen. Kenneth Ekman, who is coordinating the departure of American forces from Niger, spoke to reporters on Friday by video from the US embassy in Niamey. Edited notes of the exchange follow.",
        "<h3>When will the Niamey base be cleared?</h3>",
        "Ekman said all US troops and equipment would be out of Air Base 101, next to Diori Hamani International Airport, over the weekend. A joint ceremony would mark the departure of the last American C-17, after which the government of Niger would take control of the areas and facilities the US had used.",
        "<h3>And the drone base?</h3>",
        "He said the fewer than 500 US troops still at Air Base 201 near Agadez would leave in August, ahead of the 15 September deadline agreed with the junta.",
        "<h3>Where are the troops going?</h3>",
        "A number of small teams of 10 to 20 soldiers, some of them special operations forces, have already moved to other countries in West Africa, Ekman said. Most of the rest will go, at least at first, to Europe.",
        "<h3>What about the Russians at the Niamey base?</h3>",
        "Russian forces have been training Nigerien troops at the same base. Ekman said there had been no contact between the two sides and that Niger had assured him they would be kept apart.",
    ],
    related=["Explainer: what a status-of-forces agreement does", "Podcast: the drone war nobody sees", "Chad's new government sworn in"],
    related_heading="Also on Frontline",
))

PAGES.append(dict(
    file="n05-air-base-101-handed-over.html", kind="wire", outlet="Harmattan Herald",
    published="2024-07-08T06:40:00Z", url="https://harmattanherald.example/news/2024/07/08/us-leaves-air-base-101-niamey/",
    title="US leaves Air Base 101 in Niamey, turns attention to Agadez", section="Niger",
    byline="Harmattan Herald, with agencies", cookie=0,
    tags="Niger, United States, Air Base 101, Air Base 201",
    body=[
        "NIAMEY, July 8 - American forces and equipment have completely left Air Base 101 in Niamey, the Pentagon and Niger's defence ministry said, closing the US compound at the airport base after a handover ceremony on Sunday.",
        "The withdrawal from the base began on 19 May and ended with a turnover ceremony held with the Joint Disengagement Commission after the last US Air Force C-17 took off, the joint statement said. Good coordination between the two armies meant the handover was finished ahead of schedule and without complications, it added.",
        "With Niamey done, US forces will now concentrate on leaving Air Base 201 near Agadez. Both sides repeated their commitment to a safe, orderly and responsible withdrawal by 15 September.",
        "At the ceremony, Maj. Gen. Kenneth Ekman said he looked back with pride on 15 years of security cooperation and shared sacrifice between American and Nigerien forces.",
        "Air Base 101, which the US military classed as a cooperative security location, sits next to Diori Hamani International Airport. French forces left the same base in December, and Russian military trainers have used a separate part of it since the spring.",
    ],
    related=["Sahel leaders meet in Niamey for first summit", "Agadez: migrants stranded as smuggling law is scrapped", "Uranium: Niger revokes Imouraren permit"],
    related_heading="Latest",
))

PAGES.append(dict(
    file="n06-base-101-retrait-fr.html", kind="visible", outlet="Le Courrier du Fleuve", lang="fr",
    published="2024-07-09T08:00:00Z", visible_date="Publié le 09/07/2024 à 08h00",
    url="https://courrierdufleuve.example/niger/2024/07/09/retrait-americain-base-101/",
    title="Niger : les militaires américains ont quitté la base aérienne 101 de Niamey", section="Défense",
    byline="La rédaction", cookie=2, nav=["Accueil", "Politique", "Sécurité", "Économie", "Culture", "Sport"],
    tags="Niger, États-Unis, défense",
    body=[
        "Niamey, 9 juillet - Le retrait des forces américaines de la base aérienne 101 de Niamey est achevé, ont annoncé lundi le ministère nigérien de la Défense nationale et le département américain de la Défense.",
        "L'annonce a été faite lors d'une cérémonie de signature des documents de rétrocession à l'armée nigérienne, en présence de l'ambassadrice des États-Unis, Kathleen FitzGibbon, ainsi que de responsables civils et militaires des deux pays. Elle marque la fin de la première phase du désengagement.",
        "Selon le chef d'état-major de l'armée de terre, le colonel-major Mamane Sani Kiaou, l'accord prévoit le départ de tous les moyens militaires américains présents au Niger, y compris à Niamey, Agadez, Ouallam et Diffa, au plus tard le 15 septembre.",
        "Sur quelque 950 militaires américains présents au départ, 766 ont déjà quitté le pays, selon les chiffres cités lors de la cérémonie. Les efforts portent désormais sur la base aérienne 201 d'Agadez, que les Américains doivent quitter en août.",
        "La junte au pouvoir depuis le coup d'État du 26 juillet 2023 avait dénoncé en mars l'accord de coopération militaire de 2012 avec Washington. Samedi, les chefs des juntes du Niger, du Mali et du Burkina Faso avaient signé à Niamey le traité créant une confédération de l'Alliance des États du Sahel.",
    ],
    related=["Tillabéri : les transporteurs dénoncent l'insécurité", "Baccalauréat 2024 : les résultats attendus fin juillet", "Pétrole : le pipeline vers le Bénin toujours à l'arrêt"],
    related_heading="À lire aussi",
    footer_extra="<p>Le Courrier du Fleuve - quotidien d'information</p>",
))

PAGES.append(dict(
    file="n07-ekman-abidjan-early-august.html", kind="jsonld", outlet="Gulf of Guinea Times",
    published="2024-07-25T07:20:00Z", url="https://gulfofguineatimes.example/brief/us-niger-exit-early-august",
    title="US expects to finish Niger exit in early August", section="Brief",
    byline="Abidjan bureau", visible_date="25 Jul 2024",
    tags="Niger, Côte d'Ivoire, AFRICOM",
    body=[
        "ABIDJAN, July 24 - The American pullout from Niger should be wrapped up in early August, well before the 15 September deadline, Maj. Gen. Kenneth Ekman of US Africa Command told reporters in Abidjan on Wednesday.",
        "He said the operation was running smoothly and ahead of schedule thanks to close coordination with Nigerien counterparts. About 200 US soldiers remain at the Agadez drone base, after the base in Niamey was vacated at the start of July.",
        "Ekman said US forces would keep working with Ivory Coast's military, but he dismissed rumours that Washington planned to set up a base at Odienné in the north of the country.",
    ],
    related=["Cocoa: mid-crop arrivals slow at ports", "Abidjan metro: first trains due in 2028"],
))

PAGES.append(dict(
    file="n08-agadez-handover-liveblog.html", kind="live", outlet="Savanna Post",
    published="2024-08-05T09:00:00Z", url="https://savannapost.example/live/africa-2024-08-05",
    title="Africa live: US hands over Agadez drone base, its last in Niger",
    standfirst="Updates from across the continent on Monday 5 August 2024. Newest entries first.",
    body=[
        '<div class="entry"><time>21:10</time>',
        "Deputy Pentagon press secretary Sabrina Singh told reporters that fewer than two dozen US troops were still in Niger, working out of the US embassy in Niamey on administrative tasks before the final departure, which is due by 15 September.",
        "</div>",
        '<div class="entry"><time>18:45</time>',
        "American troops and equipment have now fully left Air Base 201 outside Agadez, according to a joint statement issued on Monday by the Pentagon and Niger's defence ministry.",
        "The statement says the process began in May and that the two armed forces will keep coordinating over the coming weeks so that the full withdrawal is finished as planned. It does not say which US assets, if any, are still in the country.",
        "</div>",
        '<div class="entry"><time>16:30</time>',
        "A Nigerien military source tells us a ceremony marking the final closure of the drone base was held in Agadez in the presence of officers from both armies, after which the last US military plane took off. About 200 American soldiers had been at Agadez since the Niamey base was emptied in early July.",
        "</div>",
        '<div class="entry"><time>13:05</time>',
        "Sudan: the UN says close to 25 million people, about half the population, need humanitarian assistance, and warns that famine is spreading.",
        "</div>",
        '<div class="entry"><time>10:20</time>',
        "Nigeria: protests over the cost of living continued for a fifth day in several cities, with police using tear gas in Abuja.",
        "</div>",
    ],
    nav=["Live", "News", "Africa", "Business", "Sport"],
))

for p in PAGES:
    page(p)
print(len(PAGES))
